// The simulation kernel: one clock, one agenda, one seeded generator, and the nodes of one system.
//
// A run is a pure function of (system, options, seed, inputs): everything random is drawn from streams forked from
// the seed, every event is ordered by (time, insertion), and everything that changes a run from outside enters
// through apply() and is logged with its time. Rooms and tools only drive it (runUntil, step, apply) and read it.
//
// Event flow: a node acts only inside a handler (start, onMessage, onTimer, onClientRequest, onCommand), through its
// NodeContext. Sends and timers go on the agenda; client requests and answers each cross one client hop. Each
// processed event is written to the trace and followed by a check of every system invariant.

import { writeCanonicalJson } from "./canonical-json";
import { EventQueue } from "./event-queue";
import { applyNetworkFault, checkFault, describeFault, type FaultInput, isFault, type SimInput } from "./faults";
import { type ClientRequestRecord, Clients, type CompletionListener } from "./clients";
import type { HistoryEntry } from "./history";
import { DEFAULT_NETWORK, DROPPED_CUT, Network, type NetworkOptions, type NetworkState } from "./network";
import { JsonBytes } from "./json-bytes";
import { Rng } from "./rng";
import { Trace } from "./trace";
import {
  ActionError,
  type KeyPlacement,
  type ActionHost,
  type ClientOp,
  type Completion,
  type Invariant,
  type InvariantView,
  type Message,
  type NodeContext,
  type NodeId,
  type NodeInspection,
  type NotableEvent,
  type SystemDefinition,
  type SystemNode,
  type WorkloadSpec,
} from "./types";
import { CONNECTION_REFUSED, checkWorkloadSpec, TIMED_OUT, Workload, type WorkloadHost } from "./workload";

export interface SimulationOptions {
  system: SystemDefinition;
  /** The initial members, in the order every node sees as `peers`. */
  nodes: readonly NodeId[];
  /** System configuration, handed to createNode. */
  config?: Readonly<Record<string, unknown>>;
  /** Node-to-node link defaults; missing fields take DEFAULT_NETWORK's. */
  network?: Partial<NetworkOptions>;
  /** One-way delay between a client and a node, ms (not subject to node-to-node faults). Default 1. */
  clientLatencyMs?: number;
  /** Timeout of a player's own requests when clientRequest is not given one, ms. Default 5000. */
  clientTimeoutMs?: number;
  seed: number;
  /** Keep every trace line in memory (traceLines). Off by default: long runs have hundreds of thousands. */
  keepTrace?: boolean;
}

/** A notable event of the run, in plain words: the report's timeline and the players' event feed. */
export interface TimelineEvent extends NotableEvent {
  t: number;
}

/** One applied input. `atEvent` is eventCount when it was applied, which pins it between two events of equal time. */
export interface InputRecord {
  t: number;
  atEvent: number;
  input: SimInput;
}

export interface InFlightMessage {
  id: number;
  from: NodeId;
  to: NodeId;
  kind: string;
  sentAt: number;
  arriveAt: number;
  /** The message itself, for the receiving node's player (its inbox). Shared, not copied: read it, never change it. */
  msg: Readonly<Message>;
}

export interface InvariantStatus {
  name: string;
  ok: boolean;
  /** How many violation messages the invariant has returned over the run. */
  violations: number;
  /** The first violation, in plain words, and when it was seen. */
  first?: string;
  firstAt?: number;
}

export type { CompletionListener, CompletionNotice } from "./clients";

const NODE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const NO_NODES: readonly NodeId[] = [];
const DEFAULT_CLIENT_LATENCY_MS = 1;
const DEFAULT_CLIENT_TIMEOUT_MS = 5000;

// --- internal records -------------------------------------------------------------------------------------------

class NodeSlot {
  up = true;
  skew = 0;
  /** Timer name -> token of the live timer. A queued timer whose token is not here was replaced or cancelled. */
  timers = new Map<string, number>();
  /** durable() as saved at the last crash. */
  saved: unknown = undefined;
  /** Why the node asked to exit during the handler running now (ctx.exit); it goes down when the handler returns. */
  exiting: string | undefined = undefined;
  ctx!: NodeContext;
  constructor(
    readonly id: NodeId,
    public machine: SystemNode,
    readonly rng: Rng,
  ) {}
}

/** A message on the wire; it is its own delivery event on the agenda. */
interface Flight extends InFlightMessage {
  e: typeof DELIVER;
}

interface InvariantState {
  invariant: Invariant;
  status: InvariantStatus;
}

const DELIVER = 0;
const TIMER = 1;
const REQUEST = 2;
const ANSWER = 3;
const TIMEOUT = 4;
const WAKE = 5;

type KernelEvent =
  | Flight
  | { e: typeof TIMER; slot: NodeSlot; name: string; token: number }
  | { e: typeof REQUEST; req: ClientRequestRecord }
  | { e: typeof ANSWER; req: ClientRequestRecord; from: NodeId; completion: Completion }
  | { e: typeof TIMEOUT; req: ClientRequestRecord }
  | { e: typeof WAKE; workload: Workload; slot: number };

// --- the kernel -------------------------------------------------------------------------------------------------

export class Simulation {
  readonly system: SystemDefinition;
  readonly config: Readonly<Record<string, unknown>>;
  readonly seed: number;
  readonly clientLatencyMs: number;
  readonly clientTimeoutMs: number;

  private clock = 0;
  private events = 0;
  private readonly queue = new EventQueue<KernelEvent>();
  private readonly rng: Rng;
  private readonly network: Network;
  private readonly trace: Trace;
  /** Where a message's body is written as canonical JSON, once per send, for each of its trace lines. */
  private readonly body = new JsonBytes(1024);
  private readonly clients = new Clients();
  private readonly timelineLog: TimelineEvent[] = [];
  private readonly inputLog: InputRecord[] = [];
  private readonly slots = new Map<NodeId, NodeSlot>();
  private readonly nodeRngs = new Map<NodeId, Rng>();
  /**
   * Replaced, never changed in place, so a list handed out stays as it was. Not frozen: V8 walks a frozen array
   * several times slower, and invariants walk this one after every event; `readonly` is the guard.
   */
  private members: readonly NodeId[] = [];
  private readonly invariantStates: InvariantState[];
  private workload: Workload | undefined;
  private workloadGeneration = 0;
  private messageSeq = 0;
  private timerSeq = 0;
  /** The node whose handler is running; a NodeContext is only valid while its node is active. */
  private active: NodeSlot | undefined;
  /**
   * Nodes that may have changed since the last round of invariant checks (InvariantView.changed), in touch order.
   * A new list per round, so that a list handed to the invariants never changes afterwards.
   */
  private touched: NodeId[] | undefined;
  /** Set while an event or an input is being processed, to refuse re-entrant driving from listeners. */
  private busy = false;
  private readonly host: ActionHost;
  private readonly view: InvariantView;
  private readonly workloadHost: WorkloadHost;

  constructor(options: SimulationOptions) {
    const { system } = options;
    if (system === null || typeof system !== "object" || typeof system.createNode !== "function") {
      throw new TypeError("Simulation needs a system (a SystemDefinition)");
    }
    this.system = system;
    this.config = options.config ?? {};
    this.seed = options.seed;
    this.rng = new Rng(options.seed);
    this.clientLatencyMs = wholeMs("clientLatencyMs", options.clientLatencyMs ?? DEFAULT_CLIENT_LATENCY_MS, 0);
    this.clientTimeoutMs = wholeMs("clientTimeoutMs", options.clientTimeoutMs ?? DEFAULT_CLIENT_TIMEOUT_MS, 1);
    this.network = new Network({ ...DEFAULT_NETWORK, ...options.network }, this.rng.fork("network"));
    this.trace = new Trace(options.keepTrace === true);
    const ids = options.nodes;
    if (!Array.isArray(ids) || ids.length === 0) throw new RangeError("Simulation needs at least one node");
    for (const id of ids) checkNodeId(id);
    if (new Set(ids).size !== ids.length) throw new RangeError(`node ids must be unique, got ${ids.join(", ")}`);

    this.host = this.makeActionHost();
    this.view = this.makeInvariantView();
    this.workloadHost = this.makeWorkloadHost();
    this.invariantStates = system.invariants().map((invariant) => ({ invariant, status: { name: invariant.name, ok: true, violations: 0 } }));

    this.members = [...ids];
    for (const id of ids) this.slots.set(id, this.createSlot(id));
    this.busy = true;
    try {
      for (const id of ids) this.startNode(this.slots.get(id) as NodeSlot);
    } finally {
      this.busy = false;
    }
    this.checkInvariants();
  }

  // --- reading ---------------------------------------------------------------------------------------------------

  /** Simulated time, integer ms. */
  get now(): number {
    return this.clock;
  }

  /** Current members in a stable order (up or down). */
  get nodes(): readonly NodeId[] {
    return this.members;
  }

  /** Kernel events processed so far (messages, timers, client hops, timeouts, bot wake-ups). */
  get eventCount(): number {
    return this.events;
  }

  get timeline(): readonly TimelineEvent[] {
    return this.timelineLog;
  }

  get history(): readonly HistoryEntry[] {
    return this.clients.history.entries;
  }

  get inputs(): readonly InputRecord[] {
    return this.inputLog;
  }

  /** False for a crashed node and for an id that is not a member. */
  isUp(id: NodeId): boolean {
    return this.slots.get(id)?.up === true;
  }

  inspect(id: NodeId): NodeInspection {
    return this.slot(id).machine.inspect();
  }

  /** The node's clock offset in ms (its localTime is now + skew). */
  skew(id: NodeId): number {
    return this.slot(id).skew;
  }

  /** The system's cluster summary (leader, term, ...). */
  summarize(): Record<string, string | number | null> {
    return this.system.summarize(this.view);
  }

  /** Where these keys live and what each replica holds (systems with keyPlacement; undefined otherwise). */
  keyPlacement(keys: readonly string[]): KeyPlacement[] | undefined {
    return this.system.keyPlacement?.(this.view, keys);
  }

  /** Node-to-node messages on the wire, oldest first. */
  inFlight(): InFlightMessage[] {
    // A message is on the wire exactly while its delivery event is queued, so the agenda is the list: read here,
    // when a screen asks, instead of keeping a map written and erased on every send and delivery.
    const out: InFlightMessage[] = [];
    for (const ev of this.queue.items()) {
      if (ev.e === DELIVER) out.push({ id: ev.id, from: ev.from, to: ev.to, kind: ev.kind, sentAt: ev.sentAt, arriveAt: ev.arriveAt, msg: ev.msg });
    }
    // Message ids are given in send order.
    return out.sort((a, b) => a.id - b.id);
  }

  networkState(): NetworkState {
    return this.network.state();
  }

  invariantReport(): InvariantStatus[] {
    return this.invariantStates.map((s) => ({ ...s.status }));
  }

  /** SHA-256 of the full event trace so far. */
  traceHash(): string {
    return this.trace.hash();
  }

  /** Every trace line, if the simulation was created with keepTrace; otherwise undefined. */
  get traceLines(): readonly string[] | undefined {
    return this.trace.lines;
  }

  /** A process id no client has used, for a player's next requests. */
  freshProcess(): number {
    return this.clients.fresh();
  }

  /** Called on every completion, bots' and players'. Returns a function that unsubscribes. */
  onCompletion(listener: CompletionListener): () => void {
    return this.clients.onCompletion(listener);
  }

  /** Time of the next event that will happen, or null when nothing is scheduled. */
  nextEventTime(): number | null {
    this.dropStaleHead();
    return this.queue.size > 0 ? this.queue.peekTime() : null;
  }

  // --- driving ---------------------------------------------------------------------------------------------------

  /** Processes every event due at or before tMs, then sets the clock to tMs. */
  runUntil(tMs: number): void {
    if (!Number.isFinite(tMs)) throw new RangeError(`runUntil needs a finite time, got ${tMs}`);
    const end = Math.floor(tMs);
    if (end < this.clock) throw new RangeError(`cannot run back in time: now is ${this.clock} ms, asked for ${tMs} ms`);
    this.enter();
    try {
      while (this.queue.peekTime() <= end) {
        const time = this.queue.peekTime();
        const ev = this.queue.pop() as KernelEvent;
        if (this.isStale(ev)) continue;
        this.clock = time;
        this.process(ev);
      }
      this.clock = end;
    } finally {
      this.busy = false;
    }
  }

  /** Processes exactly one event (the host's "step"); false when nothing is left to happen. */
  step(): boolean {
    this.enter();
    try {
      while (this.queue.size > 0) {
        const time = this.queue.peekTime();
        const ev = this.queue.pop() as KernelEvent;
        if (this.isStale(ev)) continue;
        this.clock = time;
        this.process(ev);
        return true;
      }
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Applies a fault, a system action, a client request or a workload change now. Throws ActionError on bad input. */
  apply(input: SimInput): void {
    this.applyInput(input);
  }

  /** Starts bot clients (recorded as a `workload` input), replacing any already running. */
  startWorkload(spec: WorkloadSpec): void {
    this.applyInput({ type: "workload", spec });
  }

  stopWorkload(): void {
    this.applyInput({ type: "stop-workload" });
  }

  /**
   * A player's own client operation, recorded as a `client` input; returns its request id. Same history and rules
   * as bots: one outstanding operation per process, a process that timed out is never used again.
   */
  clientRequest(process: number, target: NodeId, op: ClientOp, timeoutMs?: number): number {
    const input: SimInput = timeoutMs === undefined ? { type: "client", process, target, op } : { type: "client", process, target, op, timeoutMs };
    return this.applyInput(input) as number;
  }

  // --- inputs ----------------------------------------------------------------------------------------------------

  private applyInput(input: SimInput): number | undefined {
    if (input === null || typeof input !== "object" || typeof (input as { type?: unknown }).type !== "string") {
      throw new ActionError('an input must be an object with a "type", such as { "type": "crash", "node": "n1" }');
    }
    const atEvent = this.events;
    // The kernel works on its own copy, so neither the log nor the run changes if the caller reuses the object.
    let logged: SimInput;
    try {
      logged = structuredClone(input);
    } catch {
      throw new ActionError("an input must be plain data (objects, arrays, strings, numbers, booleans, null)");
    }
    this.enter();
    let result: number | undefined;
    try {
      result = this.dispatchInput(logged);
    } finally {
      this.busy = false;
    }
    this.inputLog.push({ t: this.clock, atEvent, input: logged });
    const trace = this.trace;
    trace.begin(this.clock, "input");
    trace.json(logged);
    trace.end();
    this.checkInvariants();
    return result;
  }

  private dispatchInput(input: SimInput): number | undefined {
    if (isFault(input)) {
      checkFault(input, this);
      this.applyFault(input);
      return undefined;
    }
    switch (input.type) {
      case "action": {
        const action = input.action;
        if (action === null || typeof action !== "object" || typeof action.type !== "string") {
          throw new ActionError('an action must be an object with a "type"');
        }
        this.system.applyAction(this.host, action);
        return undefined;
      }
      case "client":
        return this.playerRequest(input.process, input.target, input.op, input.timeoutMs ?? this.clientTimeoutMs);
      case "workload": {
        checkWorkloadSpec(input.spec);
        this.workload?.stop();
        const workload = new Workload(input.spec, (rng, spec, n) => this.system.nextOp(rng, spec, n), this.rng.fork(`workload ${++this.workloadGeneration}`), this.workloadHost, this.system.clientRouting ?? "sticky");
        this.workload = workload;
        workload.start();
        return undefined;
      }
      case "stop-workload":
        if (!this.workload?.running) throw new ActionError("no workload is running");
        this.workload.stop();
        return undefined;
      default:
        throw new ActionError(`unknown input type "${String((input as { type: unknown }).type)}"`);
    }
  }

  /** A crash: only what the node made durable survives (a deep copy, so the dead machine cannot alias it). */
  private bringDown(slot: NodeSlot): void {
    slot.saved = structuredClone(slot.machine.durable());
    slot.up = false;
    slot.timers = new Map();
    this.touch(slot.id);
  }

  /** After a handler: a node that called ctx.exit goes down as a crash would, and the timeline says why. */
  private settleExit(slot: NodeSlot): void {
    const why = slot.exiting;
    if (why === undefined) return;
    slot.exiting = undefined;
    if (!slot.up || this.slots.get(slot.id) !== slot) return;
    this.traceNode("exit", slot.id);
    this.bringDown(slot);
    // A crash in the report (GUIDE §4), whoever caused it; the text says the node did it itself.
    this.timelineLog.push({ t: this.clock, kind: "crash", node: slot.id, text: `${slot.id} exited: ${why}` });
  }

  private applyFault(input: FaultInput): void {
    let about: Record<string, unknown>;
    switch (input.type) {
      case "crash": {
        this.bringDown(this.slot(input.node));
        about = { node: input.node };
        break;
      }
      case "restart": {
        const slot = this.slot(input.node);
        slot.machine = this.system.createNode(slot.id, this.config, slot.saved, this.members);
        slot.saved = undefined;
        slot.up = true;
        about = { node: input.node };
        this.startNode(slot);
        break;
      }
      case "skew":
        this.slot(input.node).skew = input.ms;
        about = { node: input.node, ms: input.ms };
        break;
      default:
        about = applyNetworkFault(input, this.network, this.members);
    }
    this.timelineLog.push({ t: this.clock, kind: input.type, ...about, text: describeFault(input, this.members) });
  }

  // --- events ----------------------------------------------------------------------------------------------------

  /** Queued events that no longer mean anything: replaced or dropped timers, answered requests, stopped bots. */
  private isStale(ev: KernelEvent): boolean {
    switch (ev.e) {
      case TIMER:
        return ev.slot.timers.get(ev.name) !== ev.token || !ev.slot.up || this.slots.get(ev.slot.id) !== ev.slot;
      case TIMEOUT:
        return ev.req.done;
      case WAKE:
        return ev.workload !== this.workload || !ev.workload.running;
      default:
        return false;
    }
  }

  /** Discards stale events at the head of the agenda, so the head is the next thing that will really happen. */
  private dropStaleHead(): void {
    while (this.queue.size > 0 && this.isStale(this.queue.peek() as KernelEvent)) this.queue.pop();
  }

  private process(ev: KernelEvent): void {
    this.events++;
    switch (ev.e) {
      case DELIVER:
        this.deliver(ev);
        break;
      case TIMER: {
        const slot = ev.slot;
        slot.timers.delete(ev.name);
        const trace = this.trace;
        trace.begin(this.clock, "timer");
        trace.string(slot.id);
        trace.string(ev.name);
        trace.end();
        this.touch(slot.id);
        this.active = slot;
        try {
          slot.machine.onTimer(slot.ctx, ev.name);
        } finally {
          this.active = undefined;
        }
        this.settleExit(slot);
        break;
      }
      case REQUEST:
        this.requestArrives(ev.req);
        break;
      case ANSWER:
        if (ev.req.done) this.traceLate(ev.req.id, ev.from);
        else this.complete(ev.req, ev.completion);
        break;
      case TIMEOUT:
        this.complete(ev.req, { type: "info", error: TIMED_OUT });
        break;
      case WAKE:
        ev.workload.wake(ev.slot);
        break;
    }
    this.checkInvariants();
  }

  private deliver(flight: Flight): void {
    const slot = this.slots.get(flight.to);
    const reason = slot === undefined ? "no such node" : !slot.up ? "node down" : this.network.isCut(flight.from, flight.to) ? "cut" : undefined;
    if (reason !== undefined || slot === undefined) {
      const trace = this.trace;
      trace.begin(this.clock, "drop");
      trace.number(flight.id);
      trace.string(reason ?? "no such node");
      trace.end();
      return;
    }
    this.trace.begin(this.clock, "deliver");
    this.trace.number(flight.id);
    this.trace.end();
    this.touch(slot.id);
    this.active = slot;
    try {
      slot.machine.onMessage(slot.ctx, flight.from, flight.msg);
    } finally {
      this.active = undefined;
    }
    this.settleExit(slot);
  }

  private requestArrives(req: ClientRequestRecord): void {
    const slot = this.slots.get(req.target);
    if (slot === undefined || !slot.up) {
      // Lost with the node; the client learns nothing and will time out.
      const trace = this.trace;
      trace.begin(this.clock, "drop-request");
      trace.number(req.id);
      trace.string(slot === undefined ? "no such node" : "node down");
      trace.end();
      return;
    }
    const trace = this.trace;
    trace.begin(this.clock, "request");
    trace.number(req.id);
    trace.string(slot.id);
    trace.end();
    this.touch(slot.id);
    this.active = slot;
    try {
      slot.machine.onClientRequest(slot.ctx, req.asReceived);
    } finally {
      this.active = undefined;
    }
    this.settleExit(slot);
  }

  // --- node actions (through NodeContext) ------------------------------------------------------------------------

  private send(slot: NodeSlot, to: NodeId, msg: Message): void {
    this.mustBeActive(slot, "send");
    if (msg === null || typeof msg !== "object" || typeof msg.kind !== "string") {
      throw new Error(`${slot.id} sent a message without a string "kind": ${String(msg)}`);
    }
    if (typeof to !== "string") throw new Error(`${slot.id} sent a ${msg.kind} message to ${String(to)}; a destination is a node id`);
    const from = slot.id;
    // Written once, before anything happens: a message that is not plain data is refused whole.
    const body = this.body;
    body.length = 0;
    writeCanonicalJson(body, msg);
    if (!this.slots.has(to)) {
      this.traceSendLine("drop", ++this.messageSeq, from, to, "no such node", body);
      return;
    }
    const copies = this.network.duplicates() ? 2 : 1;
    for (let c = 0; c < copies; c++) {
      const id = ++this.messageSeq;
      const delay = this.network.transit(from, to);
      if (delay < 0) {
        this.traceSendLine("drop", id, from, to, delay === DROPPED_CUT ? "cut" : "loss", body);
        continue;
      }
      const flight: Flight = { e: DELIVER, id, from, to, kind: msg.kind, sentAt: this.clock, arriveAt: this.clock + delay, msg };
      this.queue.push(flight.arriveAt, flight);
      this.traceSendLine("send", id, from, to, flight.arriveAt, body);
    }
  }

  /** `[now,"send",id,from,to,arriveAt,body]`, or a drop with its reason in place of the arrival time. */
  private traceSendLine(name: string, id: number, from: NodeId, to: NodeId, arriveOrReason: number | string, body: JsonBytes): void {
    const trace = this.trace;
    trace.begin(this.clock, name);
    trace.number(id);
    trace.string(from);
    trace.string(to);
    if (typeof arriveOrReason === "number") trace.number(arriveOrReason);
    else trace.string(arriveOrReason);
    trace.jsonBytes(body);
    trace.end();
  }

  /** `[now,"late",request,node]`: an answer that came after its client had already completed. */
  private traceLate(requestId: number, node: NodeId): void {
    const trace = this.trace;
    trace.begin(this.clock, "late");
    trace.number(requestId);
    trace.string(node);
    trace.end();
  }

  /** `[now,name,node]`: a node started, was added or was removed. */
  private traceNode(name: string, node: NodeId): void {
    this.trace.begin(this.clock, name);
    this.trace.string(node);
    this.trace.end();
  }

  private setTimer(slot: NodeSlot, name: string, delayMs: number): void {
    this.mustBeActive(slot, "setTimer");
    if (typeof name !== "string") throw new Error(`${slot.id} set a timer without a string name`);
    if (!(delayMs >= 0) || !Number.isFinite(delayMs)) throw new RangeError(`${slot.id} set timer "${name}" with delay ${delayMs}; a delay is a finite number of ms >= 0`);
    const token = ++this.timerSeq;
    slot.timers.set(name, token);
    // Time is whole milliseconds; a fractional delay rounds up so a timer never fires early.
    this.queue.push(this.clock + Math.ceil(delayMs), { e: TIMER, slot, name, token });
  }

  private cancelTimer(slot: NodeSlot, name: string): void {
    this.mustBeActive(slot, "cancelTimer");
    slot.timers.delete(name);
  }

  private respond(slot: NodeSlot, requestId: number, completion: Completion): void {
    this.mustBeActive(slot, "respond");
    checkCompletion(slot.id, completion);
    const req = this.clients.waiting(requestId);
    if (req === undefined) {
      if (!this.clients.issued(requestId)) {
        throw new Error(`${slot.id} answered request ${requestId}, which no client sent`);
      }
      // The client already has its completion (a timeout, or an earlier answer): this one is ignored.
      this.traceLate(requestId, slot.id);
      return;
    }
    const trace = this.trace;
    trace.begin(this.clock, "respond");
    trace.number(requestId);
    trace.string(slot.id);
    trace.json(completion);
    trace.end();
    this.queue.push(this.clock + this.clientLatencyMs, { e: ANSWER, req, from: slot.id, completion });
  }

  private emit(node: NodeId | undefined, event: NotableEvent): void {
    if (event === null || typeof event !== "object" || typeof event.kind !== "string" || typeof event.text !== "string") {
      throw new Error(`${node ?? "a system action"} emitted an event without a string "kind" and "text"`);
    }
    // The emitting node is the default subject; an action's event may have none.
    const { kind, node: subject, ...rest } = event;
    const about = subject ?? node;
    const entry: TimelineEvent = about === undefined ? { t: this.clock, kind, ...rest } : { t: this.clock, kind, node: about, ...rest };
    this.timelineLog.push(entry);
    this.trace.begin(this.clock, "emit");
    this.trace.json(entry);
    this.trace.end();
  }

  private mustBeActive(slot: NodeSlot, what: string): void {
    if (this.active !== slot) {
      throw new Error(`${slot.id} called ctx.${what} outside its own handler; a NodeContext is valid only during the call it was passed to`);
    }
  }

  // --- clients ---------------------------------------------------------------------------------------------------

  private playerRequest(process: unknown, target: unknown, op: unknown, timeoutMs: unknown): number {
    this.clients.claimForPlayer(process, target, op, timeoutMs, this.members);
    return this.invoke(process as number, target as NodeId, op as ClientOp, timeoutMs as number, undefined);
  }

  private invoke(process: number, target: NodeId, op: ClientOp, timeoutMs: number, bot: ClientRequestRecord["bot"]): number {
    const req = this.clients.open(process, target, op, this.clock, bot);
    const trace = this.trace;
    trace.begin(this.clock, "invoke");
    trace.number(req.id);
    trace.number(process);
    trace.string(target);
    trace.json(op);
    trace.end();
    if (!this.isUp(target)) {
      this.complete(req, { type: "fail", error: CONNECTION_REFUSED });
    } else {
      this.queue.push(this.clock + this.clientLatencyMs, { e: REQUEST, req });
      this.queue.push(this.clock + timeoutMs, { e: TIMEOUT, req });
    }
    return req.id;
  }

  private complete(req: ClientRequestRecord, completion: Completion): void {
    const trace = this.trace;
    trace.begin(this.clock, "complete");
    trace.number(req.id);
    trace.number(req.process);
    trace.json(completion);
    trace.end();
    this.clients.finish(req, completion, this.clock);
  }

  // --- nodes -----------------------------------------------------------------------------------------------------

  private slot(id: NodeId): NodeSlot {
    const slot = this.slots.get(id);
    if (slot === undefined) throw new ActionError(`unknown node ${JSON.stringify(id)}; the nodes are ${this.members.join(", ") || "(none)"}`);
    return slot;
  }

  private createSlot(id: NodeId): NodeSlot {
    let rng = this.nodeRngs.get(id);
    if (rng === undefined) {
      rng = this.rng.fork(`node ${id}`);
      this.nodeRngs.set(id, rng);
    }
    const slot = new NodeSlot(id, this.system.createNode(id, this.config, undefined, this.members), rng);
    slot.ctx = this.makeContext(slot);
    return slot;
  }

  private startNode(slot: NodeSlot): void {
    this.traceNode("start", slot.id);
    this.touch(slot.id);
    this.active = slot;
    try {
      slot.machine.start(slot.ctx);
    } finally {
      this.active = undefined;
    }
    this.settleExit(slot);
  }

  private addNode(id: NodeId): void {
    if (typeof id !== "string" || !NODE_ID.test(id)) {
      throw new ActionError(`${JSON.stringify(id)} is not a valid node id (letters, digits, "-", "_" or ".", at most 32)`);
    }
    if (this.slots.has(id)) throw new ActionError(`node ${id} already exists`);
    this.members = [...this.members, id];
    const slot = this.createSlot(id);
    this.slots.set(id, slot);
    this.traceNode("add", id);
    this.timelineLog.push({ t: this.clock, kind: "node-added", node: id, text: `${id} added to the cluster` });
    this.startNode(slot);
  }

  private removeNode(id: NodeId): void {
    this.slot(id);
    this.slots.delete(id);
    this.members = this.members.filter((m) => m !== id);
    this.network.forget(id);
    this.touch(id);
    this.traceNode("remove", id);
    this.timelineLog.push({ t: this.clock, kind: "node-removed", node: id, text: `${id} removed from the cluster` });
  }

  private commandNode(id: NodeId, command: Message): void {
    const slot = this.slot(id);
    if (!slot.up) throw new ActionError(`node ${id} is down`);
    if (command === null || typeof command !== "object" || typeof command.kind !== "string") {
      throw new Error(`a command for ${id} needs a string "kind"`);
    }
    const trace = this.trace;
    trace.begin(this.clock, "command");
    trace.string(id);
    trace.json(command);
    trace.end();
    this.touch(id);
    const outer = this.active;
    this.active = slot;
    try {
      slot.machine.onCommand(slot.ctx, command);
    } finally {
      this.active = outer;
    }
    this.settleExit(slot);
  }

  /** Notes that a node may have changed, for the invariants' next round. */
  private touch(id: NodeId): void {
    if (this.touched === undefined) this.touched = [id];
    else if (!this.touched.includes(id)) this.touched.push(id);
  }

  private checkInvariants(): void {
    for (const state of this.invariantStates) {
      const violations = state.invariant.check(this.view);
      if (violations.length === 0) continue;
      const status = state.status;
      if (status.violations === 0) {
        status.ok = false;
        status.first = violations[0];
        status.firstAt = this.clock;
        this.timelineLog.push({ t: this.clock, kind: "violation", invariant: status.name, text: `invariant ${status.name} violated: ${violations[0]}` });
      }
      status.violations += violations.length;
    }
    this.touched = undefined;
  }

  private enter(): void {
    if (this.busy) throw new Error("the simulation is already running an event or an input; drive it from outside its listeners");
    this.busy = true;
  }

  // --- the faces the kernel shows ---------------------------------------------------------------------------------

  private makeContext(slot: NodeSlot): NodeContext {
    const sim = this;
    return {
      id: slot.id,
      get localTime() {
        return sim.clock + slot.skew;
      },
      get monotonicTime() {
        return sim.clock;
      },
      rng: slot.rng,
      get peers() {
        return sim.members;
      },
      send: (to, msg) => this.send(slot, to, msg),
      setTimer: (name, delayMs) => this.setTimer(slot, name, delayMs),
      cancelTimer: (name) => this.cancelTimer(slot, name),
      respond: (requestId, completion) => this.respond(slot, requestId, completion),
      emit: (event) => {
        this.mustBeActive(slot, "emit");
        this.emit(slot.id, event);
      },
      exit: (reason) => {
        this.mustBeActive(slot, "exit");
        slot.exiting = String(reason);
      },
    };
  }

  private makeActionHost(): ActionHost {
    const sim = this;
    return {
      get now() {
        return sim.clock;
      },
      get nodes() {
        return sim.members;
      },
      isUp: (node) => this.isUp(node),
      command: (node, command) => this.commandNode(node, command),
      addNode: (node) => this.addNode(node),
      removeNode: (node) => this.removeNode(node),
      clientRequest: (process, target, op) => {
        this.playerRequest(process, target, op, this.clientTimeoutMs);
      },
      emit: (event) => this.emit(undefined, event),
      // Read-only access so a system can refuse an action up front (no leader, change in progress) instead of
      // accepting it and failing silently inside the cluster.
      node: (id) => this.slots.get(id)?.machine,
    };
  }

  private makeInvariantView(): InvariantView {
    const sim = this;
    return {
      get now() {
        return sim.clock;
      },
      node: (id) => this.slots.get(id)?.machine,
      get nodes() {
        return sim.members;
      },
      isUp: (id) => this.isUp(id),
      get changed() {
        return sim.touched ?? NO_NODES;
      },
    };
  }

  private makeWorkloadHost(): WorkloadHost {
    const sim = this;
    return {
      get nodes() {
        return sim.members;
      },
      get now() {
        return sim.clock;
      },
      claimProcess: (start, stride) => this.clients.claimForBot(start, stride),
      wakeAfter: (workload, slot, delayMs) => this.queue.push(this.clock + delayMs, { e: WAKE, workload, slot }),
      request: (workload, slot, process, target, op, timeoutMs) => {
        this.invoke(process, target, op, timeoutMs, { workload, slot });
      },
    };
  }
}

function checkNodeId(id: unknown): void {
  if (typeof id !== "string" || !NODE_ID.test(id)) {
    throw new RangeError(`${JSON.stringify(id)} is not a valid node id (letters, digits, "-", "_" or ".", at most 32)`);
  }
}

function wholeMs(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name} must be a whole number of ms >= ${min}, got ${value}`);
  return value;
}

function checkCompletion(node: NodeId, c: Completion): void {
  const ok =
    c !== null &&
    typeof c === "object" &&
    (c.type === "ok" || ((c.type === "fail" || c.type === "info") && typeof c.error === "string"));
  if (!ok) throw new Error(`${node} answered with ${JSON.stringify(c)}; a completion is {type:"ok"} or {type:"fail"|"info", error}`);
}
