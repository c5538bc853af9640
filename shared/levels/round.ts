// A Round is a level being played: the simulation, the level's script, the bots that fill the roles nobody holds,
// the chaos budget, and the objectives. The Colyseus room and the headless runner both drive one, so neither
// holds a game rule of its own (docs/architecture.md, "Round API").
//
// Determinism: everything the round does by itself (script steps, bots, judging objectives) happens at fixed
// simulated times — the times the level names, and a grid of EVAL_MS — never at the moments a caller happens to
// advance to. A room advancing in small real-time steps and a headless run advancing in one go therefore produce
// the same trace; with the level, the seed and `inputs`, a round replays exactly.

import { PlayerAction, type RoleName } from "../protocol/actions";
import { authorize } from "../protocol/roles";
import type { FaultInput, SimInput } from "../sim/faults";
import { Rng } from "../sim/rng";
import { Simulation } from "../sim/simulation";
import { ActionError, type ClientOp, type SystemDefinition, type WorkloadSpec } from "../sim/types";
import { findSystem } from "../systems/registry";
import type { Bot, BotHost, InputSource } from "./bots/bot";
import { ChaosBot } from "./bots/chaos-bot";
import { ClientBot } from "./bots/client-bot";
import { OperatorBot } from "./bots/operator-bot";
import { describeValue } from "./errors";
import { freshMemberId, MembershipLog } from "./membership";
import { type ClusterNow, resolveAction, resolveNode } from "./node-ref";
import { ObjectiveTracker, type ObjectiveStatus, type Outcome } from "./objectives";
import { applyOverrides } from "./overrides";
import { RandomFaults } from "./random-faults";
import { buildReport, type RunReport } from "./report";
import { clusterNodes, type Level, type ScriptStep, workloadKeys } from "./schema";

/** How the round's own judging and bots are paced, in simulated ms. */
export const EVAL_MS = 50;

/**
 * none:   the level's script only (its story, e.g. "the leader crashes at 5 s"); no chaos bot.
 * level:  the script, and the chaos bot plays the level's chaos plan within the budget.
 * random: as level, plus a random fault schedule drawn from the seed (random-faults.ts).
 */
export type ChaosMode = "none" | "level" | "random";
export const CHAOS_MODES: readonly ChaosMode[] = ["none", "level", "random"];

/** A seat held by a person. A node player names the node they are. */
export interface Human {
  role: RoleName;
  node?: string;
}

/** One accepted input, stamped with the simulated time it took effect. */
export interface RoundInput {
  t: number;
  role: RoleName;
  /** For a node player: the node they are. */
  node?: string;
  action: PlayerAction;
  by: InputSource;
}

/** A plain-words line about the round itself (a skipped script step, a refused bot action, a change of seats). */
export interface RoundNote {
  t: number;
  text: string;
}

export interface RoundOptions {
  level: Level;
  seed: number;
  chaos?: ChaosMode;
  /** `--set path=value` overrides, applied to the level (and validated again) before the round starts. */
  overrides?: Readonly<Record<string, unknown>>;
  /** Used in error messages about the level. */
  fileName?: string;
  /** Looks up the level's system; defaults to the registry. */
  findSystem?: (name: string) => SystemDefinition | undefined;
  /** Keep every trace line (Simulation keepTrace): the debrief reads the messages of a replayed round from them. */
  keepTrace?: boolean;
}

const NODE_SELF_ACTIONS = new Set(["timeout", "crash-self", "restart-self"]);

export class Round {
  readonly level: Level;
  readonly seed: number;
  readonly chaosMode: ChaosMode;
  readonly overrides: Readonly<Record<string, unknown>>;
  readonly sim: Simulation;
  readonly inputs: RoundInput[] = [];
  readonly notes: RoundNote[] = [];
  /** Every change of seats, so a replay can reproduce which bots were playing when. */
  readonly seatChanges: { t: number; humans: Human[] }[] = [];

  private readonly membership = new MembershipLog();
  private readonly tracker: ObjectiveTracker;
  private readonly bots: Bot[];
  private readonly script: ScriptStep[];
  private readonly refRng: Rng;
  /** Picks the coordinator of a person's request where the system spreads requests over nodes. */
  private readonly routeRng: Rng;
  private readonly host: BotHost = this.makeBotHost();
  private scriptNext = 0;
  private nextEval = 0;
  private humans: Human[] = [];
  private budget: number;

  constructor(options: RoundOptions) {
    const lookup = options.findSystem ?? findSystem;
    const fileName = options.fileName ?? `${options.level.id}.json`;
    const overrides = options.overrides ?? {};
    this.overrides = { ...overrides };
    this.level = Object.keys(overrides).length > 0 ? applyOverrides(options.level, overrides, fileName, { findSystem: lookup }) : options.level;
    if (!Number.isSafeInteger(options.seed) || options.seed < 0) throw new RangeError(`a seed is a whole number >= 0, got ${describeValue(options.seed)}`);
    this.seed = options.seed;
    this.chaosMode = options.chaos ?? "level";
    if (!CHAOS_MODES.includes(this.chaosMode)) throw new RangeError(`chaos is one of ${CHAOS_MODES.join(", ")}, got ${describeValue(this.chaosMode)}`);
    const system = lookup(this.level.system);
    if (!system) throw new RangeError(`${fileName}: no system called ${JSON.stringify(this.level.system)}`);

    const level = this.level;
    const nodes = clusterNodes(level);
    this.sim = new Simulation({
      system,
      nodes,
      config: level.cluster.config as Record<string, unknown>,
      network: { latencyMs: level.network.latencyMs, jitterMs: level.network.jitterMs, loss: level.network.loss, duplicate: level.network.duplicate },
      clientLatencyMs: level.network.clientLatencyMs,
      seed: options.seed,
      keepTrace: options.keepTrace,
    });
    // The round's own choices (which node "@follower" means, random faults) come from streams of their own, so
    // they never disturb the simulation's draws.
    const rng = new Rng(options.seed).fork("round");
    this.refRng = rng.fork("node references");
    this.routeRng = rng.fork("client routing");
    this.tracker = new ObjectiveTracker(level);
    this.budget = level.roles.chaos?.budget ?? 0;
    this.script = [...level.script].sort((a, b) => a.at - b.at);

    const workload: WorkloadSpec = { ...level.workload, keys: workloadKeys(level) };
    this.bots = [new ClientBot(workload)];
    if (this.chaosMode !== "none") {
      const random = this.chaosMode === "random" ? new RandomFaults(rng.fork("random faults"), level.timeLimitMs) : null;
      this.bots.push(new ChaosBot(level.roles.chaos?.plan ?? [], rng.fork("chaos bot"), random));
    }
    // The operator bot replaces failed members, so it plays only where the level lets the operator do both halves.
    const operator = level.roles.operator?.actions ?? [];
    if (operator.includes("remove-member") && operator.includes("add-member")) this.bots.push(new OperatorBot(nodes.length));
  }

  get now(): number {
    return this.sim.now;
  }

  get outcome(): Outcome {
    return this.tracker.outcome;
  }

  /** Why the round was won or lost, in plain words ("" while it is running). */
  get outcomeText(): string {
    return this.tracker.outcomeText;
  }

  /** What the chaos role has left to spend. */
  get chaosBudget(): number {
    return this.budget;
  }

  objectives(): ObjectiveStatus[] {
    return this.tracker.statuses();
  }

  /** The node the system considers leader now, or null. */
  leader(): string | null {
    const leader = this.sim.summarize().leader;
    return typeof leader === "string" && leader !== "" ? leader : null;
  }

  /** Declares the seats people hold; bots play every other role from now on. */
  setHumans(humans: readonly Human[]): void {
    this.humans = humans.map((h) => ({ ...h }));
    this.seatChanges.push({ t: this.now, humans: this.humans.map((h) => ({ ...h })) });
  }

  private isHuman(role: RoleName): boolean {
    return this.humans.some((h) => h.role === role);
  }

  /**
   * A person's action. Throws ActionError with a plain-words reason when it is refused (wrong role, not in this
   * level, unknown node, node already down, budget spent, round over); a refused action changes nothing.
   */
  act(role: RoleName, action: unknown, options: { node?: string } = {}): void {
    this.perform(role, action, options.node, "player");
  }

  private perform(role: RoleName, raw: unknown, node: string | undefined, by: InputSource): void {
    if (this.outcome !== "unfinished") throw new ActionError(`the round is over (${this.outcome})`);
    const parsed = PlayerAction.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ActionError(`not a valid action: ${issue.path.join(".") || "action"}: ${issue.message}`);
    }
    const action = parsed.data;
    const checked = by === "script" || by === "random";
    if (!checked) this.checkSeat(role, action, node);
    const cost = this.costOf(role, action, by);
    if (cost > this.budget) {
      throw new ActionError(`the chaos budget is spent: ${this.budget} left, and "${action.type}" costs ${cost}`);
    }
    this.sim.apply(this.toSimInput(action, node));
    this.budget -= cost;
    this.inputs.push({ t: this.now, role, ...(node !== undefined ? { node } : {}), action, by });
  }

  /** The role table first (who may ever do this), then what this level allows the role. */
  private checkSeat(role: RoleName, action: PlayerAction, node: string | undefined): void {
    const auth = authorize({ role, node }, action);
    if (!auth.ok) throw new ActionError(auth.error);
    const spec = role === "host" || role === "spectator" ? undefined : this.level.roles[role];
    if (!spec) throw new ActionError(`this level has no ${role} role`);
    if (!spec.actions.includes(action.type)) {
      throw new ActionError(`this level does not allow "${action.type}" for the ${role} role; it allows ${spec.actions.join(", ")}`);
    }
    // Any node the simulation runs, added ones included (a removed one too: its player may still restart it).
    if (role === "node" && node !== undefined && !this.sim.nodes.includes(node)) {
      throw new ActionError(`unknown node ${JSON.stringify(node)}; the nodes are ${this.sim.nodes.join(", ")}`);
    }
  }

  private costOf(role: RoleName, action: PlayerAction, by: InputSource): number {
    if (role !== "chaos" || by === "script" || by === "random") return 0;
    return this.level.roles.chaos?.cost?.[action.type] ?? 1;
  }

  private toSimInput(action: PlayerAction, node: string | undefined): SimInput {
    const self = (): string => {
      if (node === undefined) throw new ActionError(`"${action.type}" acts on your own node: pick a node first`);
      return node;
    };
    switch (action.type) {
      case "crash":
      case "restart":
      case "cut":
      case "heal":
      case "latency":
      case "loss":
      case "skew":
      case "partition":
        return action as FaultInput;
      case "crash-self":
        return { type: "crash", node: self() };
      case "restart-self":
        return { type: "restart", node: self() };
      case "timeout":
        return { type: "action", action: { type: "timeout", node: self() } };
      case "transfer-leader":
      case "add-member":
      case "remove-member":
      case "set-consistency":
      case "set-replication":
      case "repair":
      case "set-parity":
      case "replace-drive":
      case "heal-objects":
      case "add-pool":
      case "set-config":
      case "reshard":
      case "failover":
      case "reassign":
      case "scale-consumers":
      case "register-service":
      case "deregister-service":
      case "set-acl":
      case "transfer-lease":
      case "fail-drive":
      case "bitrot":
        return { type: "action", action: { ...action } };
      case "put":
        return this.clientInput(this.sim.system.playerOp?.(action) ?? { f: "write", key: action.key, value: action.value }, action.via);
      case "get":
        return this.clientInput(this.sim.system.playerOp?.(action) ?? { f: "read", key: action.key }, action.via);
      case "dns":
      case "transfer": {
        const op = this.sim.system.playerOp?.(action);
        if (!op) throw new ActionError(`${this.sim.system.name} has no "${action.type}": its clients put and get`);
        return this.clientInput(op, action.via);
      }
    }
  }

  /**
   * A person's read or write goes to the node they picked (`via`: a Cassandra coordinator), else to the leader
   * when there is one (as an etcd client would find it), else to the first running node.
   */
  private clientInput(op: ClientOp, via: string | undefined): SimInput {
    if (via !== undefined && !this.sim.nodes.includes(via)) {
      throw new ActionError(`unknown node ${JSON.stringify(via)}; the nodes are ${this.sim.nodes.join(", ")}`);
    }
    const up = this.cluster().nodes.filter((n) => this.sim.isUp(n));
    const spread = this.sim.system.clientRouting === "spread" && up.length > 0 ? this.routeRng.pick(up) : undefined;
    const target = via ?? this.leader() ?? spread ?? up[0];
    if (target === undefined) throw new ActionError("every node is down: there is nobody to send the request to");
    // Each of a person's operations is its own Jepsen process, so a timed-out one never blocks the next.
    return { type: "client", process: this.sim.freshProcess(), target, op, timeoutMs: this.level.workload.timeoutMs };
  }

  /** Runs the round up to `t` (at most to the time limit); stops early once the outcome is decided. */
  advanceTo(t: number): void {
    const target = Math.min(t, this.level.timeLimitMs);
    while (this.outcome === "unfinished") {
      const due = this.nextDue();
      if (due > target) {
        if (target > this.now) this.sim.runUntil(target);
        return;
      }
      this.sim.runUntil(due);
      this.runDue(due);
    }
  }

  /** Host "step": exactly one thing happens — the next kernel event, or the round's own next duty if it comes first. */
  stepOne(): boolean {
    if (this.outcome !== "unfinished") return false;
    const due = this.nextDue();
    const event = this.sim.nextEventTime();
    if (event === null || due <= event) {
      this.sim.runUntil(due);
      this.runDue(due);
      return true;
    }
    return this.sim.step();
  }

  private nextDue(): number {
    const script = this.scriptNext < this.script.length ? this.script[this.scriptNext].at : Number.POSITIVE_INFINITY;
    const bots = Math.min(...this.bots.map((b) => b.nextAt()));
    return Math.min(script, bots, this.nextEval, this.level.timeLimitMs);
  }

  /** Everything due at `now`, in a fixed order: script steps, bots, then judging. */
  private runDue(now: number): void {
    while (this.scriptNext < this.script.length && this.script[this.scriptNext].at <= now) {
      this.runScriptStep(this.script[this.scriptNext++]);
    }
    const host = this.host;
    for (const bot of this.bots) {
      if (bot.nextAt() <= now) bot.run(host, !this.isHuman(bot.role));
    }
    if (now >= this.nextEval || now >= this.level.timeLimitMs) {
      this.evaluate();
      this.nextEval = (Math.floor(now / EVAL_MS) + 1) * EVAL_MS;
    }
    if (now >= this.level.timeLimitMs) this.tracker.reachTimeLimit(now);
  }

  private runScriptStep(step: ScriptStep): void {
    const cluster = this.cluster();
    const action = resolveAction(step.action, cluster, this.refRng);
    const node = step.node === undefined ? ({ ok: true, value: undefined } as const) : resolveNode(step.node, cluster, this.refRng);
    if (!action.ok || !node.ok) {
      this.note(`the script skipped "${step.action.type}": ${!action.ok ? action.reason : (node as { reason: string }).reason}`);
      return;
    }
    const role = step.as ?? (NODE_SELF_ACTIONS.has(action.value.type) ? "node" : "chaos");
    try {
      this.perform(role, action.value, node.value, "script");
    } catch (error) {
      if (!(error instanceof ActionError)) throw error;
      this.note(`the script could not ${step.action.type}: ${error.message}`);
    }
  }

  private evaluate(): void {
    const summary = this.sim.summarize();
    const metrics: Record<string, number> = {};
    for (const name of Object.keys(summary)) {
      const value = summary[name];
      if (typeof value === "number") metrics[name] = value;
    }
    this.tracker.evaluate({
      now: this.now,
      timeline: this.sim.timeline,
      history: this.sim.history,
      leader: typeof summary.leader === "string" && summary.leader !== "" ? summary.leader : null,
      metrics,
      invariants: this.sim.invariantReport(),
    });
  }

  /** The name a new member should take: one this cluster has never used (etcd never takes a removed name back). */
  nextMemberId(): string {
    const cluster = this.cluster();
    return freshMemberId([...this.sim.nodes, ...cluster.removed]);
  }

  /** The cluster as node references and bots see it: its current members (membership.ts), who is up, who leads. */
  cluster(): ClusterNow {
    this.membership.update(this.sim.timeline);
    return {
      nodes: this.membership.members(this.sim.nodes),
      removed: this.membership.removed(),
      isUp: (n) => this.sim.isUp(n),
      leader: this.leader(),
    };
  }

  private note(text: string): void {
    this.notes.push({ t: this.now, text });
  }

  /**
   * Made once, not per runDue: the round runs its duties every EVAL_MS, and five fresh closures each time showed in
   * profiles. `now` reads the clock live, which is the time runDue runs at (inputs never move the clock).
   */
  private makeBotHost(): BotHost {
    const round = this;
    return {
      get now() {
        return round.now;
      },
      cluster: () => this.cluster(),
      startWorkload: (spec) => this.sim.apply({ type: "workload", spec }),
      act: (role, action, by) => this.perform(role, action, undefined, by),
      note: (text) => this.note(text),
    };
  }

  /** The GUIDE §4 report of the round so far. */
  report(wallTimeMs: number): RunReport {
    return buildReport(this, wallTimeMs);
  }
}
