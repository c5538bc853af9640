// The game room: a thin shell around a Round (shared/levels/round.ts). It validates each message, checks the
// sender's role, hands the action to the round, advances the round on a fixed tick and projects the result into
// schema state. Game rules live in the round and the system, never here.

import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { CloseCode, ErrorCode, matchMaker, Room, ServerError, type AuthContext, type Client, type MessageContext } from "@colyseus/core";
import { Encoder, StateView } from "@colyseus/schema";
import { growCluster } from "../../shared/levels/class-cluster";
import { Round } from "../../shared/levels/round";
import { type Level, workloadKeys } from "../../shared/levels/schema";
import { CLIENT_REQUEST_ACTIONS, type PlayerAction } from "../../shared/protocol/actions";
import { generateJoinCode, normalizeJoinCode } from "../../shared/protocol/join-code";
import {
  type ClientMessageType,
  type ControlMessage,
  CreateOptions,
  describeIssues,
  JoinOptions,
  parseClientMessage,
  type ReplayReply,
  type ResultMessage,
  type RoleMessage,
  type SeatReply,
} from "../../shared/protocol/messages";
import { authorize } from "../../shared/protocol/roles";
import { ActionError } from "../../shared/sim/types";
import { levelCatalog } from "../levels-catalog";
import { ClientOpTracker } from "./client-ops";
import { Projector } from "./projection";
import { roundSource } from "./round-source";
import { GameState } from "./schema/GameState";
import { PlayerView } from "./schema/PlayerView";
import { humanRoles, type Seat, takeSeat, uniqueName } from "./seats";
import { CLASS_OPTION, ClassLink, type ClassSeat, readClassOptions } from "./class/class-link";
import { roundFacts } from "../../shared/classroom/round-facts";
import type { GroupReport } from "./class/group-report";
import {
  hashToken,
  newRejoinToken,
  RejoinDesk,
  replayJournal,
  holdForReturn,
  RESTORE_KEY,
  ROOM_CHAOS,
  RoomRecord,
  roomStore,
  roundResult,
  type StoredGame,
  type StoredPhase,
} from "../store";
import { replayFile } from "../store/exports";
import { holdsSeatOnDrop, limitMessageRate } from "./rate-limit";

/** Real milliseconds between simulation ticks (and state patches). */
export const TICK_MS = 50;
/** How long a dropped player keeps their seat while their browser reconnects. */
export const RECONNECT_SECONDS = 60;
/** A stalled event loop must not turn into a jump of many simulated seconds. */
const MAX_TICK_MS = 250;
/**
 * The most real time one room's simulation may take in a tick. Rooms share one event loop, so a level that is too
 * costly at the speed asked (an uploaded 32-node cluster with a 1 ms heartbeat at 100×) must not stall every other
 * room: past this budget the room stops for this tick and drops the simulated time it owed, running slower than asked.
 */
export const TICK_SIM_BUDGET_MS = 20;
/** The room advances its round in pieces this long (simulated ms), checking the budget between them. */
const SIM_SLICE_MS = 50;

// A class's one large cluster (30 nodes and more) has a full state above schema's 16 KB default encode buffer. When
// the encoder has to grow its buffer mid-encode, the full state a joining player gets can name refIds it never
// introduced ("refId not found" in the browser, and the player never sees their seat: measured with 30 SDK students
// joining a 30-node Consul cluster). A buffer that fits a 64-node cluster avoids that path; it costs 128 KB a room.
Encoder.BUFFER_SIZE = Math.max(Encoder.BUFFER_SIZE, 128 * 1024);

/**
 * A measurement hook for the bench only (server/tools/bench-class.ts): when set, it is told how long each tick of
 * every game room took, in ms (the whole tick, and of it the simulation's advance; the rest is the projection), with
 * the real time since the room's previous tick (TICK_MS when the event loop is on time) and the room's id. Unset in
 * play, where ticks are not timed.
 */
export const tickTimings: { observe?: (tickMs: number, simMs: number, deltaMs: number, roomId: string) => void } = {};

interface Metadata {
  code: string;
  level: string;
}

/** Set by onAuth on every create or code-less request; only the room's creator presents the one it was made with. */
const CREATOR_KEY = "creatorKey";
/** The feed kinds the room writes itself (the round's own timeline uses others). */
const ROOM_FEED_KINDS = new Set(["room", "role", "control", "error"]);
/** How classResize's feed line starts, so a later resize replaces it. */
const GREW_LINE = "The cluster grew to";

export class GameRoom extends Room<{ state: GameState; metadata: Metadata }> {
  override state = new GameState();
  override maxClients = 100;

  private level!: Level;
  private seed = 0;
  private round!: Round;
  private speed = 1;
  /** Simulated time owed to the round: fractions of a ms carried between ticks. */
  private carry = 0;
  private creatorKey = "";
  private readonly projector = new Projector(this.state);
  private readonly clientOps = new ClientOpTracker();

  /**
   * Runs before matchmaking looks for a room, so a join code that leads nowhere gets an answer that names it
   * (instead of Colyseus' generic "no rooms found").
   */
  static override async onAuth(_token: string, options: Record<string, unknown>, _context: AuthContext): Promise<unknown> {
    delete options[CREATOR_KEY];
    delete options[RESTORE_KEY]; // only the server restores a stored room (store/recover.ts)
    delete options[CLASS_OPTION]; // only a class room links a game to its class (class-link.ts)
    if (options.code === undefined) {
      options[CREATOR_KEY] = randomUUID();
      return true;
    }
    if (typeof options.code !== "string") throw new ServerError(ErrorCode.MATCHMAKE_INVALID_CRITERIA, "The join code must be text, such as K7M2Q.");
    const parsed = normalizeJoinCode(options.code);
    if (!parsed.ok) throw new ServerError(ErrorCode.MATCHMAKE_INVALID_CRITERIA, parsed.error);
    options.code = parsed.code; // what the room's metadata holds, so the matchmaker's code filter finds it
    const rooms = await matchMaker.query<GameRoom>({ name: "game", code: parsed.code });
    if (rooms.length === 0) {
      throw new ServerError(
        ErrorCode.MATCHMAKE_INVALID_CRITERIA,
        `No game has the code ${parsed.code}. Check it with your host: a game ends when everyone has left it.`,
      );
    }
    return true;
  }

  override async onCreate(options: Record<string, unknown>): Promise<void> {
    const parsed = CreateOptions.safeParse(options, { reportInput: true });
    if (!parsed.success) throw new ServerError(ErrorCode.APPLICATION_ERROR, `Cannot create a game: ${describeIssues(parsed.error)}`);
    const catalog = levelCatalog();
    const level = catalog.get(parsed.data.level);
    if (!level) {
      const known = catalog.list().map((l) => l.id);
      throw new ServerError(
        ErrorCode.APPLICATION_ERROR,
        `There is no level "${parsed.data.level.slice(0, 80)}". The levels are: ${known.join(", ") || "(none found)"}.`,
      );
    }
    this.level = level;
    this.seed = parsed.data.seed ?? randomInt(0, 2 ** 31 - 1);
    this.creatorKey = typeof options[CREATOR_KEY] === "string" ? options[CREATOR_KEY] : "";
    this.setUpClass(options);
    this.growForClass();
    const code = this.restoreCode(options) ?? (await this.unusedCode());
    await this.setMetadata({ code, level: level.id });

    const s = this.state;
    s.code = code;
    s.levelId = level.id;
    s.levelTitle = level.title;
    s.briefing = level.briefing;
    s.concept = level.concept;
    s.system = level.system;
    s.timeLimitMs = level.timeLimitMs;
    s.seed = this.seed;
    s.roles = (["operator", "chaos", "client", "node"] as const).filter((r) => level.roles[r]).join(",");
    // What each role may do in this level, so every screen offers exactly those controls.
    for (const role of ["operator", "chaos", "client", "node"] as const) {
      const spec = level.roles[role];
      if (spec) s.actions.set(role, spec.actions.join(","));
    }
    s.workloadKeys = workloadKeys(level).join(",");
    this.newRound(this.openRecord(code, options));
    this.resumeRestored();

    this.onMessage("role", (client, payload, ctx) => this.answer(client, ctx, "role", payload));
    this.onMessage("action", (client, payload, ctx) => this.answer(client, ctx, "action", payload));
    this.onMessage("control", (client, payload, ctx) => this.answer(client, ctx, "control", payload));
    this.onMessage("seat", (client, _payload, ctx) => this.reply(client, ctx, this.seatReply(client)));
    this.onMessage("replay", (client, _payload, ctx) => this.reply(client, ctx, this.replayReply()));
    // Unknown types would otherwise cost the sender their connection (Colyseus drops them in production).
    this.onMessage("*", (client, type) => {
      const known = "role, action, control, seat or replay";
      this.reply(client, undefined, { type: String(type).slice(0, 40), ok: false, error: `Unknown message type "${String(type).slice(0, 40)}": send ${known}.` });
    });
    this.setSimulationInterval((delta) => this.tick(delta), TICK_MS);
    limitMessageRate(this); // a flooder is disconnected with a reason (rate-limit.ts)
  }

  override onJoin(client: Client, options: Record<string, unknown>): void {
    if (this.classLink) return this.joinByTicket(client, options);
    const creator = this.creatorKey !== "" && options[CREATOR_KEY] === this.creatorKey && this.state.players.size === 0;
    let name: string;
    if (creator) {
      name = (options.name as string).trim();
      this.creatorKey = ""; // one use
    } else {
      // onAuth has normalised any code it was given; anything else did not come through a code.
      if (options.code !== this.state.code) {
        throw new ServerError(ErrorCode.MATCHMAKE_INVALID_CRITERIA, "This game is joined with its 5-character code.");
      }
      const parsed = JoinOptions.safeParse(options, { reportInput: true });
      if (!parsed.success) throw new ServerError(ErrorCode.APPLICATION_ERROR, `Cannot join: ${describeIssues(parsed.error)}`);
      name = parsed.data.name;
    }
    client.view = new StateView();
    const back = creator ? undefined : this.claimSeat(client.sessionId, name, options);
    const seat: Seat = back?.seat ?? {
      sessionId: client.sessionId,
      name: uniqueName(this.seats(), name),
      role: creator ? "host" : "spectator",
      node: "",
      host: creator,
    };
    this.state.players.set(client.sessionId, new PlayerView({ ...seat, connected: true }));
    this.projector.addFeed(this.round.now, "room", `${seat.name} joined${creator ? " and hosts the game" : ""}.`);
    this.seated(seat, back?.token);
  }

  override onDrop(client: Client, code?: number): void {
    const player = this.state.players.get(client.sessionId);
    if (player) player.connected = false;
    if (!holdsSeatOnDrop(code)) return; // a flooder's seat is not held, nor one on a stopping server (rate-limit.ts)
    // If the player is not back in time the framework calls onLeave, which frees the seat.
    this.allowReconnection(client, RECONNECT_SECONDS).catch(() => undefined);
  }

  override onReconnect(client: Client): void {
    const player = this.state.players.get(client.sessionId);
    if (player) player.connected = true;
  }

  override onLeave(client: Client): void {
    const player = this.state.players.get(client.sessionId);
    client.view?.dispose();
    if (!player) return;
    const wasHost = player.host;
    const hadRole = player.role !== "spectator" && player.role !== "host";
    if (player.node) this.setNodePlayer(player.node, "");
    this.state.players.delete(client.sessionId);
    this.clientOps.forget(client.sessionId);
    this.projector.addFeed(this.round.now, "room", `${player.name} left.`);
    if (wasHost) this.passHost();
    if (hadRole) this.round.setHumans(humanRoles(this.seats()));
    this.recordLeave(client.sessionId, player.name);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Messages

  /** Every message is answered, through room.request's reply when the client asked that way, else a `result`. */
  private answer(client: Client, ctx: MessageContext, type: ClientMessageType, payload: unknown): ResultMessage {
    const parsed = parseClientMessage(type, payload);
    if (!parsed.ok) return this.reply(client, ctx, { type, ok: false, error: parsed.error });
    const m = parsed.message;
    const detail = m.type === "action" ? m.payload.action.type : m.type === "control" ? m.payload.op : m.payload.role;
    let error: string | undefined;
    try {
      error =
        m.type === "role" ? this.onRole(client, m.payload) : m.type === "action" ? this.onAction(client, m.payload.action) : this.onControl(client, m.payload);
    } catch (e) {
      // A bug, not a refusal: the player still gets an answer, and the room keeps serving everyone else.
      console.error(`[${this.state.code}] ${type} ${detail} failed:`, e);
      error = `The server could not do "${detail}" (an internal error); the game goes on.`;
    }
    this.recordProgress(); // before the answer: what the player is told happened is on disk
    return this.reply(client, ctx, error === undefined ? { type, ok: true, action: detail } : { type, ok: false, error, action: detail });
  }

  private reply(client: Client, ctx: MessageContext | undefined, result: ResultMessage): ResultMessage {
    // After the patch: by the time a player reads "ok", their state already shows what it did.
    if (ctx?.id === undefined) client.send("result", result, { afterNextPatch: true });
    return result;
  }

  /** Returns an error in plain words, or undefined when the role was taken. */
  private onRole(client: Client, msg: RoleMessage): string | undefined {
    const me = this.seat(client.sessionId);
    if (!me) return "You are not in this game.";
    if (this.classLink) return "In a class, roles are set on the class screen: ask your teacher.";
    let who = me;
    if (msg.player !== undefined && msg.player !== me.sessionId) {
      if (!me.host) return "Only the host can give other players their roles.";
      const target = this.seat(msg.player);
      if (!target) return `There is no player "${msg.player.slice(0, 64)}" in this game.`;
      who = target;
      if (msg.role === "host") {
        // Handing the host over: the old host keeps playing their own role.
        this.applySeat({ ...me, host: false, role: me.role === "host" ? "spectator" : me.role });
      }
    }
    const decision = takeSeat(this.seats(), who, { role: msg.role, node: msg.node }, this.level.roles, this.round.sim.nodes);
    if (!decision.ok) return decision.error;
    this.applySeat(decision.seat);
    const what = decision.seat.role === "node" ? `plays ${decision.seat.node}` : `is ${roleWords(decision.seat.role)}`;
    this.projector.addFeed(this.round.now, "role", `${decision.seat.name} ${what}.`);
    return undefined;
  }

  private onAction(client: Client, action: PlayerAction): string | undefined {
    const me = this.seat(client.sessionId);
    if (!me) return "You are not in this game.";
    const phase = this.state.phase;
    if (phase === "lobby") return "The round has not started yet: the host starts it.";
    if (phase !== "running") return "The round is over; the host can restart it.";
    const auth = authorize({ role: me.role, node: me.node || undefined }, action);
    if (!auth.ok) return auth.error;
    const inputsBefore = this.round.sim.inputs.length;
    try {
      this.round.act(me.role, action, me.role === "node" ? { node: me.node } : {});
    } catch (error) {
      if (error instanceof ActionError) return error.message;
      throw error;
    }
    if (CLIENT_REQUEST_ACTIONS.has(action.type)) this.clientOps.track(me.sessionId, this.round.sim, inputsBefore);
    this.classLink?.countAction(me.sessionId);
    this.refresh();
    return undefined;
  }

  private onControl(client: Client, msg: ControlMessage): string | undefined {
    const me = this.seat(client.sessionId);
    if (!me?.host) return "Only the host controls the game.";
    return this.control(msg, me.name);
  }

  /** Applies a host control; `by` names who did it in the event feed. */
  private control(msg: ControlMessage, by: string): string | undefined {
    const s = this.state;
    switch (msg.op) {
      case "start":
        if (s.phase !== "lobby") return s.phase === "running" ? "The round is already running." : "The round is over: restart it to play again.";
        s.phase = "running";
        s.paused = false;
        this.projector.addFeed(this.round.now, "control", `${by} started the round.`);
        return undefined;
      case "pause":
        if (s.phase !== "running") return "Only a running round can be paused.";
        if (s.paused) return "The round is already paused.";
        s.paused = true;
        this.projector.addFeed(this.round.now, "control", `${by} paused the round.`);
        return undefined;
      case "resume":
        if (s.phase !== "running" || !s.paused) return "The round is not paused.";
        s.paused = false;
        this.carry = 0;
        this.projector.addFeed(this.round.now, "control", `${by} resumed the round.`);
        return undefined;
      case "step":
        if (s.phase !== "running" || !s.paused) return "Pause the round before stepping through it.";
        const stepAt = this.round.now;
        if (!this.round.stepOne()) return "Nothing is scheduled: the cluster is idle.";
        this.record.journal({ kind: "step", t: stepAt });
        this.refresh();
        return undefined;
      case "speed":
        this.speed = msg.speed;
        s.speed = msg.speed;
        return undefined;
      case "restart":
        this.recordRestart();
        this.newRound();
        this.projector.addFeed(0, "control", `${by} restarted the round.`);
        return undefined;
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Time and projection

  private tick(deltaMs: number): void {
    const observe = tickTimings.observe;
    if (!observe) return this.advance(deltaMs);
    const started = performance.now();
    this.simMs = 0;
    this.advance(deltaMs);
    observe(performance.now() - started, this.simMs, deltaMs, this.roomId);
  }

  /** The last tick's simulation time in ms, measured only while the bench observes ticks. */
  private simMs = 0;

  private advance(deltaMs: number): void {
    if (this.state.phase === "running" && !this.state.paused) {
      this.carry += Math.min(deltaMs, MAX_TICK_MS) * this.speed;
      const whole = Math.floor(this.carry);
      if (whole > 0) {
        this.carry -= whole;
        try {
          const started = performance.now();
          this.advanceWithin(this.round.now + whole, started + TICK_SIM_BUDGET_MS);
          if (tickTimings.observe) this.simMs = performance.now() - started;
        } catch (e) {
          // Keep the room up and say so; the host can restart the round.
          console.error(`[${this.state.code}] the simulation failed at ${this.round.now} ms:`, e);
          this.state.paused = true;
          this.projector.addFeed(this.round.now, "error", "The simulation hit an internal error and was paused; the host can restart the round.");
        }
      }
    }
    this.refresh();
  }

  /**
   * Runs the round on to `target` in slices, stopping early once the wall clock passes `deadline` (see
   * TICK_SIM_BUDGET_MS). Where the round stops does not change what happens in it: a round is a function of its
   * inputs and their simulated times, however its time is cut into ticks.
   */
  private advanceWithin(target: number, deadline: number): void {
    while (this.round.now < target && this.round.outcome === "unfinished") {
      const before = this.round.now;
      this.round.advanceTo(Math.min(target, before + SIM_SLICE_MS));
      if (this.round.now <= before) return; // nothing more to run (the round ended or cannot move)
      if (this.round.now < target && performance.now() > deadline) {
        this.carry = 0;
        if (!this.warnedSlow) {
          this.warnedSlow = true;
          this.projector.addFeed(this.round.now, "control", `This cluster is too costly to simulate at ${this.speed}× here: it runs as fast as the server can.`);
        }
        return;
      }
    }
  }

  /** Whether this round has told the players it runs slower than asked (once a round). */
  private warnedSlow = false;

  /** Projects the round, settles the outcome and answers finished client ops. */
  private refresh(): void {
    this.projector.project(roundSource(this.round), this.playedNodes());
    const s = this.state;
    if (s.phase === "running" && this.round.outcome !== "unfinished") {
      s.phase = this.round.outcome;
      s.outcomeText = this.round.outcomeText;
      s.debrief = this.level.debrief;
      s.paused = false;
      this.record.finish(roundResult(this.round));
    }
    this.record.sync();
    this.recordProgress();
    for (const { sessionId, result } of this.clientOps.collect()) {
      this.clients.getById(sessionId)?.send("client-result", result, { afterNextPatch: true });
    }
  }

  private newRound(replayed?: Round): void {
    this.round = replayed ?? new Round({ level: this.level, seed: this.seed, chaos: ROOM_CHAOS });
    this.record.follow(this.round, replayed !== undefined);
    this.round.setHumans(humanRoles(this.seats()));
    this.speed = this.level.speed;
    this.carry = 0;
    this.warnedSlow = false;
    this.clientOps.attach(this.round.sim);
    this.projector.reset();
    const s = this.state;
    s.phase = "lobby";
    s.round = this.record.roundNumber;
    s.paused = false;
    s.speed = this.level.speed;
    s.outcomeText = "";
    s.debrief = "";
    this.refresh();
    // Node players keep their nodes across a restart; the new node and inbox views need their names and viewers.
    for (const seat of this.seats()) {
      if (seat.node) this.setNodePlayer(seat.node, seat.name);
      this.updateView(seat);
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Seats

  private seats(): Seat[] {
    return [...this.state.players.values()].map((p) => ({
      sessionId: p.sessionId,
      name: p.name,
      role: p.role as Seat["role"],
      node: p.node,
      host: p.host,
    }));
  }

  private seat(sessionId: string): Seat | undefined {
    return this.seats().find((s) => s.sessionId === sessionId);
  }

  /** Writes a seat into the state and keeps everything derived from it in step. */
  private applySeat(seat: Seat): void {
    const player = this.state.players.get(seat.sessionId);
    if (!player) return;
    const oldNode = player.node;
    const rolesChanged = player.role !== seat.role || oldNode !== seat.node;
    player.role = seat.role;
    player.node = seat.node;
    player.host = seat.host;
    this.recordSeat(seat);
    if (oldNode !== seat.node) {
      if (oldNode) this.setNodePlayer(oldNode, "");
      if (seat.node) this.setNodePlayer(seat.node, seat.name);
    }
    if (rolesChanged) {
      this.round.setHumans(humanRoles(this.seats()));
      this.refresh(); // creates or drops the private inbox before the view is pointed at it
      this.updateView(seat);
    }
  }

  /** A node player sees their own node's inbox, and nothing of anyone else's. */
  private updateView(seat: Seat): void {
    const client = this.clients.getById(seat.sessionId);
    const view = client?.view;
    if (!view) return;
    for (const inbox of this.state.inbox.values()) if (inbox.node !== seat.node && view.has(inbox)) view.remove(inbox);
    const mine = seat.node ? this.state.inbox.get(seat.node) : undefined;
    if (mine && !view.has(mine)) view.add(mine);
  }

  private setNodePlayer(node: string, name: string): void {
    const view = this.state.nodes.get(node);
    if (view && view.player !== name) view.player = name;
  }

  private playedNodes(): Set<string> {
    const nodes = new Set<string>();
    for (const p of this.state.players.values()) if (p.role === "node" && p.node) nodes.add(p.node);
    return nodes;
  }

  /** The host left for good: the longest-present connected player takes over, so the game stays controllable. */
  private passHost(): void {
    if (this.classLink) return; // a class's group keeps the teacher as its only host, whoever is left
    const next = [...this.state.players.values()].find((p) => p.connected) ?? [...this.state.players.values()][0];
    if (!next) return;
    next.host = true;
    this.recordSeat(next);
    this.projector.addFeed(this.round.now, "role", `${next.name} is now the host.`);
  }

  private async unusedCode(): Promise<string> {
    for (;;) {
      const code = generateJoinCode((n) => randomBytes(n));
      const taken = await matchMaker.query<GameRoom>({ name: "game", code });
      // Never a code some earlier game had: an export URL names one game for all time.
      if (taken.length === 0 && !roomStore().rooms.byCode(code)) return code;
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Persistence (server/store): the room, its seats, how far its round has run and each round's journal are written
  // as they change, so a restarted server brings the room back (store/recover.ts) and the host can export results.

  private record!: RoomRecord;
  private readonly rejoin = new RejoinDesk();
  /** The stored game onCreate is restoring, between openRecord and resumeRestored. */
  private restoring?: StoredGame;

  /** The join code of the stored room to restore: set by recoverRooms only (onAuth strips it from players). */
  private restoreCode(options: Record<string, unknown>): string | undefined {
    const code = options[RESTORE_KEY];
    return typeof code === "string" ? code : undefined;
  }

  /**
   * Records a new room; or, for a restore, loads the stored room, reserves its seats and returns its current round
   * replayed from the journal to where it was last saved.
   */
  private openRecord(code: string, options: Record<string, unknown>): Round | undefined {
    const store = roomStore();
    if (this.restoreCode(options) === undefined) {
      const link = this.classLink;
      this.record = RoomRecord.create(store, { code, level: this.level.id, seed: this.seed, classCode: link?.classCode, nodes: link?.nodes });
      return undefined;
    }
    const loaded = RoomRecord.load(store, code);
    if (!loaded) throw new Error(`no open game ${code} is stored`);
    this.record = loaded.record;
    this.restoring = loaded.game;
    // A class's game is seated by the tickets its restored class hands out again (class-link.ts), not by names.
    const storedSeats = this.classLink ? [] : loaded.game.seats;
    for (const { placeholder, seat } of this.rejoin.reserve(storedSeats)) {
      const { name, role, node, host } = seat;
      this.state.players.set(placeholder, new PlayerView({ sessionId: placeholder, name, role, node, host, connected: false }));
    }
    const { round: stored, journal } = loaded.game;
    const round = new Round({ level: this.level, seed: this.seed, chaos: ROOM_CHAOS });
    replayJournal(round, journal, Math.max(stored.simTime, journal.at(-1)?.t ?? 0));
    return round;
  }

  /** A restored round stands paused where it was saved, for the host to resume once the players are back. */
  private resumeRestored(): void {
    const game = this.restoring;
    if (!game) return;
    this.restoring = undefined;
    const s = this.state;
    if (game.room.phase !== "lobby") {
      s.phase = "running"; // refresh() turns it into "won" or "lost" if the round had ended
      s.paused = true;
    }
    if (game.room.speed !== null) {
      this.speed = game.room.speed;
      s.speed = game.room.speed;
    }
    this.refresh();
    const where = s.phase === "running" ? ", paused: the host resumes it" : "";
    const back = this.classLink ? "Your class screen brings you back to your seat." : "Join with the code and the same name to get your seat back.";
    this.projector.addFeed(this.round.now, "control", `The server restarted and the game is back where it was saved${where}. ${back}`);
    if (this.classLink) return; // its class closes it, as before the restart
    // Keep the room while its players find their way back, then let it close like any empty room.
    holdForReturn(this);
  }

  /** A seat a restart reserved, that this player may take back: by their name, or the host's by its token too. */
  private claimSeat(sessionId: string, name: string, options: Record<string, unknown>): { seat: Seat; token: string } | undefined {
    const claim = this.rejoin.claim(name, typeof options.rejoinToken === "string" ? options.rejoinToken : undefined);
    if (!claim) return undefined;
    this.state.players.delete(claim.placeholder);
    const { role, node, host } = claim.seat;
    return { seat: { sessionId, name: claim.seat.name, role: role as Seat["role"], node, host }, token: claim.token };
  }

  /** A player is in: they get a rejoin token (the "seat" request) and their seat is recorded with it. */
  private seated(seat: Seat, token = newRejoinToken()): void {
    this.rejoin.hand(seat.sessionId, token);
    this.record.seat({ name: seat.name, role: seat.role, node: seat.node, host: seat.host }, hashToken(token));
    if (seat.node) {
      this.setNodePlayer(seat.node, seat.name);
      this.updateView(seat);
    }
  }

  private seatReply(client: Client): SeatReply | ResultMessage {
    const player = this.state.players.get(client.sessionId);
    const token = this.rejoin.tokenOf(client.sessionId);
    if (!player || !token) return { type: "seat", ok: false, error: "This seat has no rejoin token." };
    return { type: "seat", ok: true, name: player.name, rejoinToken: token };
  }

  private recordSeat(seat: { name: string; role: string; node: string; host: boolean }): void {
    this.record.seat({ name: seat.name, role: seat.role, node: seat.node, host: seat.host }, null);
  }

  private recordLeave(sessionId: string, name: string): void {
    this.rejoin.forget(sessionId);
    this.record.left(name);
    this.record.sync(); // the seats changed: bots take the role from now on
  }

  private recordProgress(): void {
    this.record.progress(this.round.now, { phase: this.state.phase as StoredPhase, paused: this.state.paused, speed: this.speed });
  }

  /** The round being restarted gets its result (usually unfinished); the new one starts a journal of its own. */
  private recordRestart(): void {
    this.record.sync();
    this.record.finish(roundResult(this.round));
    this.record.nextRound();
  }

  override onDispose(): void {
    // Everyone left: the game is over. A stopping server closes its store first, so this writes nothing then,
    // and the next start brings the game back.
    this.record?.ended();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Debrief: once a round is over, any player may ask for its replay (the level, the seed and the journal the
  // host's replay.json export holds) and replay it in their browser (shared/debrief). Not while it runs: the seed
  // and the level's chaos plan would tell what comes next.

  private replayReply(): ReplayReply | ResultMessage {
    const phase = this.state.phase;
    if (phase !== "won" && phase !== "lost") return { type: "replay", ok: false, error: "The debrief opens once the round is over." };
    const store = roomStore();
    const room = store.rooms.byCode(this.state.code);
    const file = room && replayFile(store, room, room.round);
    if (!file) return { type: "replay", ok: false, error: "This round's inputs are not stored, so it cannot be replayed." };
    const { round, seed, chaos, outcome, traceHash, inputs } = file;
    // As plain JSON: the wire would turn a level's undefined fields into nulls, which a Round reads differently.
    const level = JSON.parse(JSON.stringify(this.level)) as Level;
    return { type: "replay", ok: true, replay: { round, level, seed, chaos, simTimeMs: this.round.now, outcome, traceHash, inputs } };
  }

  // ---------------------------------------------------------------------------------------------------------
  // Class sessions: tickets and remote control. A class room (server/rooms/class/ClassRoom.ts) creates this room
  // for one of its groups, seats its students here by ticket and drives it through matchMaker.remoteRoomCall (so
  // it works across processes): the public class* methods below take and return plain JSON.

  /** Set when a class room created this room for one of its groups. */
  private classLink?: ClassLink;

  private setUpClass(options: Record<string, unknown>): void {
    const link = readClassOptions(options);
    if (!link) return;
    this.classLink = new ClassLink(link);
    // The class room closes its groups' rooms; a group nobody has joined yet must not vanish meanwhile.
    this.autoDispose = false;
  }

  /** A group's room is joined only with a ticket from its class: the seat comes with it, so nobody races for roles. */
  private joinByTicket(client: Client, options: Record<string, unknown>): void {
    const link = this.classLink as ClassLink;
    if (options.code !== this.state.code) throw new ServerError(ErrorCode.MATCHMAKE_INVALID_CRITERIA, "This game is joined with its 5-character code.");
    const seat = typeof options.ticket === "string" ? link.redeem(options.ticket) : undefined;
    if (!seat) {
      throw new ServerError(ErrorCode.MATCHMAKE_INVALID_CRITERIA, `This game belongs to the class ${link.classCode}: join the class with that code, and your class screen brings you here.`);
    }
    // The same student again (a reload, a second tab): their earlier connection gives way.
    for (const old of link.sessionsOf(seat.studentId)) this.dropClassSession(old, "You joined this game again from another window.");
    client.view = new StateView();
    link.bind(client.sessionId, seat.studentId);
    const name = uniqueName(this.seats(), seat.name);
    this.state.players.set(client.sessionId, new PlayerView({ sessionId: client.sessionId, name, role: "spectator", node: "", host: seat.host, connected: true }));
    this.projector.addFeed(this.round.now, "room", `${name} joined${seat.host ? " and hosts the game" : ""}.`);
    const error = this.seatStudent(client.sessionId, seat.role, seat.node);
    if (error) this.projector.addFeed(this.round.now, "role", `${name} could not be seated as the class asked: ${error}`);
    // The teacher's seat is recorded with a rejoin token, as a creator's is: it is what opens the room's exports.
    if (seat.host) {
      const player = this.state.players.get(client.sessionId) as PlayerView;
      this.seated({ sessionId: client.sessionId, name: player.name, role: player.role as Seat["role"], node: player.node, host: true });
    }
  }

  /** Gives a class member present here the role the class decided, by the room's own seat rules. */
  private seatStudent(sessionId: string, role: Seat["role"], node: string): string | undefined {
    const who = this.seat(sessionId);
    if (!who) return "They are not in this game.";
    const decision = takeSeat(this.seats(), who, role === "node" ? { role, node } : { role }, this.level.roles, this.round.sim.nodes);
    if (!decision.ok) return decision.error;
    this.applySeat(decision.seat);
    return undefined;
  }

  /** Ends a class member's session here: a connected one is closed with the reason, a dropped one is let go. */
  private dropClassSession(sessionId: string, reason: string): void {
    this.classLink?.unbind(sessionId);
    if (!this.state.players.has(sessionId)) return;
    if (this.clients.getById(sessionId)) this.kickClient(sessionId, CloseCode.CONSENTED, reason);
    // Waiting for a reconnection that must not take the seat back: free it as a leave would.
    else this.onLeave({ sessionId } as Client);
  }

  /**
   * A class playing one large cluster (shared/levels/class-cluster.ts): the class room asks for one node per student
   * in the create options; the count is checked against the level's own maximum, never taken as given.
   */
  private growForClass(): void {
    const nodes = this.classLink?.nodes;
    if (nodes === undefined) return;
    try {
      this.level = growCluster(this.level, nodes);
    } catch (error) {
      throw new ServerError(ErrorCode.APPLICATION_ERROR, `Cannot create a game: ${(error as Error).message}`);
    }
  }

  /**
   * The class grew its one large cluster (more students arrived): a new round of `nodes` nodes, before it starts.
   * Seats stay; everything the level names by id means the same nodes, since growing only adds n(k+1)..nN.
   */
  classResize(nodes: number): string | undefined {
    if (!this.classLink) return "This game is not part of a class.";
    if (this.state.phase !== "lobby") return "The round has started: the cluster keeps its size.";
    if (nodes === this.round.sim.nodes.length) return undefined;
    const base = levelCatalog().get(this.level.id);
    if (!base) return `There is no level "${this.level.id}" any more.`;
    let grown: Level;
    try {
      grown = growCluster(base, nodes);
    } catch (error) {
      return `The cluster cannot have ${nodes} nodes: ${(error as Error).message}.`;
    }
    this.level = grown;
    // What the room itself said (who joined, who plays what) outlives the resize; the earlier "grew" line does not,
    // so a class of 30 arriving one by one leaves one such line, not 30.
    const said = [...this.state.feed]
      .filter((e) => ROOM_FEED_KINDS.has(e.kind) && !e.text.startsWith(GREW_LINE))
      .map(({ t, kind, text }) => ({ t, kind, text }));
    // The host's lobby settings are theirs, not the level's: a student arriving must not undo them.
    const { speed } = this;
    const { paused } = this.state;
    // Nothing has happened in a round still in its lobby: the new one takes its place (its journal goes on).
    this.newRound(new Round({ level: this.level, seed: this.seed, chaos: ROOM_CHAOS }));
    this.speed = speed;
    this.state.speed = speed;
    this.state.paused = paused;
    this.record.resized(nodes);
    this.recordProgress();
    for (const e of said) this.projector.addFeed(e.t, e.kind, e.text);
    this.projector.addFeed(0, "control", `${GREW_LINE} ${nodes} nodes, one for each student.`);
    return undefined;
  }

  /** The class came back after its server restarted, with a new teacher's ticket (the old one died with it). */
  classRelink(hostKey: string): void {
    this.classLink?.relink(hostKey);
  }

  /** The class will send a student (or give the teacher's seat) with this ticket. */
  classExpect(ticket: string, seat: ClassSeat): void {
    this.classLink?.expect(ticket, seat);
  }

  /** The class changed a student's role: applied now if they are here, and to their ticket either way. */
  classApplySeat(studentId: string, role: Seat["role"], node: string): string | undefined {
    const link = this.classLink;
    if (!link) return "This game is not part of a class.";
    const present = link.sessionsOf(studentId).filter((id) => this.state.players.has(id));
    for (const sessionId of present) {
      const error = this.seatStudent(sessionId, role, node);
      // Refused: the ticket keeps the seat they have, or their next join would hand out the refused one.
      if (error) return error;
      this.projector.addFeed(this.round.now, "role", `${this.state.players.get(sessionId)?.name} ${role === "node" ? `plays ${node}` : `is ${roleWords(role)}`}.`);
    }
    link.updateSeat(studentId, role, node);
    return undefined;
  }

  /** The student left this group (moved to another, removed, or gone from the class): seat and ticket go. */
  classUnseat(studentId: string, reason: string): void {
    const link = this.classLink;
    if (!link) return;
    link.forgetTickets(studentId);
    for (const sessionId of link.sessionsOf(studentId)) this.dropClassSession(sessionId, reason);
  }

  /** A host control from the class (pause, step, speed, ... for every group at once or this one). */
  classControl(msg: ControlMessage, by: string): string | undefined {
    return this.control(msg, by);
  }

  classReport(): GroupReport {
    const s = this.state;
    return {
      phase: s.phase,
      paused: s.paused,
      speed: s.speed,
      simTime: s.simTime,
      outcomeText: s.outcomeText,
      ...roundFacts(this.round),
      actions: this.classLink?.actionCounts() ?? {},
    };
  }

  /** The class ended, or moved its groups elsewhere: everyone here is told why, and the room goes. */
  async classClose(reason: string): Promise<void> {
    for (const client of [...this.clients]) this.kickClient(client.sessionId, CloseCode.CONSENTED, reason);
    await this.disconnect(CloseCode.CONSENTED);
  }
}

function roleWords(role: string): string {
  switch (role) {
    case "host":
      return "the host";
    case "operator":
      return "the operator";
    case "chaos":
      return "the chaos agent";
    case "client":
      return "a client";
    default:
      return "a spectator";
  }
}
