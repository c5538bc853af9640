// The contract between the simulation kernel and a system plug-in.
//
// The kernel owns time, delivery, randomness and faults. A system only describes node state
// machines: how a node reacts to a message, a timer, a client request, and how it is rebuilt
// after a crash from the state it had made durable. Everything a node does leaves through its
// NodeContext, so the kernel can record it in the trace and replay it byte for byte.

import type { Rng } from "./rng";

export type NodeId = string;

/** A protocol message between nodes. `kind` names it on screen (colour, legend) and in the trace. */
export interface Message {
  kind: string;
  [field: string]: unknown;
}

/**
 * One client operation as Jepsen writes it: `f` is the function, `key`/`value` its arguments. `body` is a payload
 * that travels to the node but not into the history, where `value` stands for it (MinIO: the object's bytes as hex,
 * while the history records their sha256).
 */
export interface ClientOp {
  f: string;
  key?: string;
  value?: unknown;
  body?: string;
}

/** A client request as a node receives it. `id` is the kernel's request id; answer with ctx.respond. */
export interface ClientRequest extends ClientOp {
  id: number;
}

/**
 * How a request ended: ok (it happened), fail (it certainly did not), info (unknown). `note` says in plain words
 * how the answer was reached ("n2 answered, n4's digest matched"); players see it, the history does not keep it.
 */
export type Completion =
  | { type: "ok"; value?: unknown; note?: string }
  | { type: "fail"; error: string; value?: unknown; redirect?: NodeId }
  | { type: "info"; error: string };

/**
 * A notable event, for the report's timeline and the players' event log.
 * `kind` is one of the fixed kinds below or a system-specific one; `text` is plain words.
 */
export interface NotableEvent {
  kind: string;
  node?: NodeId;
  term?: number;
  group?: string;
  text: string;
  [field: string]: unknown;
}

/** What a node may do. Handed to every handler; valid only during that call. */
export interface NodeContext {
  readonly id: NodeId;
  /** This node's local clock in ms: simulated time plus the node's clock skew (a wall clock: skew moves it). */
  readonly localTime: number;
  /**
   * This node's monotonic clock in ms (System.nanoTime, CLOCK_MONOTONIC): it measures intervals and is not moved
   * by clock skew. Failure detectors and timeouts measure with it; timestamps that other nodes compare use localTime.
   */
  readonly monotonicTime: number;
  /** The node's own seeded generator (forked from the simulation seed by node id). */
  readonly rng: Rng;
  /** Nodes of the cluster, in a stable order (includes this one and crashed ones). */
  readonly peers: readonly NodeId[];
  send(to: NodeId, msg: Message): void;
  /** Start (or restart) the timer `name`; a timer of the same name already set is replaced. */
  setTimer(name: string, delayMs: number): void;
  cancelTimer(name: string): void;
  /** Answer a client request this node received (or one it took over by forwarding). */
  respond(requestId: number, completion: Completion): void;
  /** Report a notable event (leader elected, member added, ...). */
  emit(event: NotableEvent): void;
  /**
   * The process exits on a fatal error (CockroachDB's clock-offset check): when this handler returns the node goes
   * down exactly as if crashed, keeping only its durable state, until someone restarts it.
   */
  exit(reason: string): void;
}

/** One node's state machine. Implementations keep durable state separate from volatile state. */
export interface SystemNode {
  /** Called once when the node starts for the first time, and after every restart. */
  start(ctx: NodeContext): void;
  onMessage(ctx: NodeContext, from: NodeId, msg: Message): void;
  onTimer(ctx: NodeContext, name: string): void;
  onClientRequest(ctx: NodeContext, req: ClientRequest): void;
  /** A local command from a player or bot acting on this node (e.g. "force election timeout"). */
  onCommand(ctx: NodeContext, command: Message): void;
  /** The state that survives a crash (Raft term, vote and log; a commit log; drive contents). Must be plain data. */
  durable(): unknown;
  /** What a player may see of this node (projected to screens; private detail goes only to its player). */
  inspect(): NodeInspection;
}

/** A node as the screen draws it. */
export interface NodeInspection {
  /** Short role label: "leader", "follower", "candidate", "pre-candidate", "learner", ... */
  role: string;
  /** Numbers worth showing, in display order: term, log length, commit index, ... */
  stats: Record<string, number>;
  /** A compact log for drawing: one entry per index, the entry's term (or other small label). */
  log?: readonly number[];
  commitIndex?: number;
  /** Private to the node's own player. */
  detail?: Record<string, unknown>;
  /** Where the node stands, for systems that place data by topology (Cassandra's datacenter and rack). */
  place?: { dc: string; rack: string };
  /** The node's tokens on a token ring, as signed 64-bit decimal strings (Cassandra's vnodes). */
  tokens?: readonly string[];
  /** The server pool the node belongs to, from 1 (MinIO); absent for systems without pools. */
  pool?: number;
  /** The node's drives, for systems that store on several (MinIO): id, state and how many shards each holds. */
  drives?: readonly { id: string; state: string; shards: number }[];
  /**
   * Redis Cluster: the hash slots this node serves as a master (inclusive ranges, ascending), and the slots it is
   * moving out (MIGRATING, to a node) or in (IMPORTING, from a node). Absent on replicas and other systems.
   */
  slots?: {
    ranges: readonly (readonly [number, number])[];
    migrating: readonly { slot: number; node: NodeId }[];
    importing: readonly { slot: number; node: NodeId }[];
  };
  /** The master this node replicates (Redis Cluster replicas), and how far behind it the replica is (offset bytes). */
  replicaOf?: { master: NodeId; lag: number };
  /**
   * Kafka: the partition replicas this broker holds: its log end offset (LEO), its view of the high watermark (HW),
   * whether it leads the partition, and, on the leader, the in-sync replica set.
   */
  partitions?: readonly { topic: string; partition: number; leader: boolean; leo: number; hw: number; isr?: readonly NodeId[] }[];
  /**
   * Kafka: the consumer groups this broker coordinates: generation, state (Stable, PreparingRebalance,
   * CompletingRebalance, Empty), the protocol, and each member's assigned partitions ("topic-0") and committed offsets.
   */
  groups?: readonly {
    group: string;
    generation: number;
    state: string;
    protocol: string;
    members: readonly { member: string; partitions: readonly string[] }[];
    committed: Readonly<Record<string, number>>;
  }[];
  /**
   * Consul: the member list as this agent sees it (memberlist): each member's state and incarnation, and for a
   * suspect, the simulated time at which this agent will declare it dead unless refuted.
   */
  members?: readonly { node: NodeId; state: string; incarnation: number; deadAt?: number }[];
  /**
   * CockroachDB: the ranges this store holds a replica of: the span, the replicas, who holds the lease (and whether
   * this store sees it valid), the Raft leader, and the intents and pending transaction records on the range.
   */
  ranges?: readonly {
    range: number;
    span: string;
    replicas: readonly NodeId[];
    leaseholder: NodeId | null;
    leader: NodeId | null;
    intents: number;
    records: readonly { id: string; status: string }[];
  }[];
  /** Small public counters drawn beside the node, in display order: { hints: 12 }. */
  badges?: Record<string, number>;
}

/** Where one key lives and what each of its replicas holds now: drawn when a player picks the key. */
export interface KeyPlacement {
  key: string;
  /** The key's token (signed 64-bit decimal) on the system's ring, when it has one. */
  token?: string;
  /** Replicas in placement order: the first is the primary. */
  replicas: NodeId[];
  /** What each replica holds now (merged over its memtable and SSTables); value null when it has nothing. */
  copies: { node: NodeId; value: string | null; writtenAt: number | null }[];
}

/** Cluster-wide operations an operator or bot may request, routed by the system to nodes. */
export interface SystemAction {
  type: string;
  [field: string]: unknown;
}

/** What the kernel offers a system when it turns an action into node commands or cluster changes. */
export interface ActionHost {
  readonly now: number;
  readonly nodes: readonly NodeId[];
  isUp(node: NodeId): boolean;
  /** Deliver a local command to a node immediately (if it is up). */
  command(node: NodeId, command: Message): void;
  /** Add a new node to the simulation (it starts empty). */
  addNode(node: NodeId): void;
  /** Remove a node from the simulation (it stops; its durable state is discarded). */
  removeNode(node: NodeId): void;
  /** Submit a client request on behalf of a player; the result lands in the history like any other. */
  clientRequest(process: number, target: NodeId, op: ClientOp): void;
  emit(event: NotableEvent): void;
  /**
   * Read-only access to a node's machine (as InvariantView.node), so that an action can be checked against the
   * cluster's state and refused with a clear reason before it changes anything ("there is no leader to transfer
   * from", "n4 is already a member").
   */
  node(id: NodeId): SystemNode | undefined;
}

/** An invariant checked after every event. Return a list of violations in plain words. */
export interface Invariant {
  name: string;
  check(view: InvariantView): string[];
}

/** What invariants may read: every node's machine (read-only by convention), up or down. */
export interface InvariantView {
  readonly now: number;
  node(id: NodeId): SystemNode | undefined;
  readonly nodes: readonly NodeId[];
  isUp(id: NodeId): boolean;
  /**
   * The nodes that may have changed since the previous round of checks (the kernel checks every invariant after
   * each event and input; that is a round): every node whose handler ran, and every node crashed, restarted, added
   * or removed. An incremental invariant may look only at these; everything else is as it last saw it. Read it
   * during a check. Each round with changes gets a list of its own, never modified afterwards, so the invariants of
   * one set can tell that a sibling has already looked at it. Undefined means any node may have changed (a view
   * made by hand).
   */
  readonly changed?: readonly NodeId[];
}

/** A system plug-in: one per folder under shared/systems, registered in shared/systems/registry.ts. */
export interface SystemDefinition {
  /** "etcd", "cassandra", ... */
  name: string;
  /** Create a node. `durable` is undefined on first start and the saved durable() value on restart. */
  createNode(id: NodeId, config: Readonly<Record<string, unknown>>, durable: unknown | undefined, initialMembers: readonly NodeId[]): SystemNode;
  /** System-specific actions (operator, node player, client player). Throws ActionError on bad input. */
  applyAction(host: ActionHost, action: SystemAction): void;
  /** Invariants for this system; a fresh set per simulation (they may keep state across checks). */
  invariants(): Invariant[];
  /** Draw the next client op for a workload bot. Writes must carry values unique per key. */
  nextOp(rng: Rng, workload: WorkloadSpec, counter: number): ClientOp;
  /**
   * A cluster-wide summary for the screen (leader, term, ...), derived from the nodes. Its numeric entries are the
   * system's metrics, which a level's `metric` objective may name (e.g. Cassandra's divergentKeys).
   */
  summarize(view: InvariantView): Record<string, string | number | null>;
  /**
   * How client libraries pick the node a request goes to. "sticky" (the default): stay on one node, move on a
   * refusal or a redirect (etcd's clients follow the leader). "spread": every request to a random node the client
   * believes up, as Cassandra's drivers balance requests over coordinators; a node that refused the connection is
   * left alone for a reconnection delay that doubles each time it refuses again (the driver's reconnection policy).
   */
  clientRouting?: "sticky" | "spread";
  /**
   * How a player's put and get become client operations. Without it: { f: "write", key, value } and
   * { f: "read", key }. MinIO's put sends the object's bytes and records their sha256 (GUIDE §4).
   */
  playerOp?(action: PlayerClientAction): ClientOp | undefined;
  /** The metrics summarize() reports, with what each means: levels are checked against this list. */
  metrics?: Readonly<Record<string, string>>;
  /** Where keys live and what each replica holds (systems that replicate by key). */
  keyPlacement?(view: InvariantView, keys: readonly string[]): KeyPlacement[];
}

/** A person's client request, as the protocol carries it (shared/protocol/actions.ts), for playerOp. */
export type PlayerClientAction =
  | { type: "put"; key: string; value?: string }
  | { type: "get"; key: string }
  | { type: "dns"; name: string }
  | { type: "transfer"; fromAccount: number; toAccount: number; amount: number };

export interface WorkloadSpec {
  clients: number;
  /** Operations per second per client (simulated time). */
  rate: number;
  keys: readonly string[];
  /** Relative weights of each `f`, e.g. { read: 1, write: 1, cas: 0.2 }. */
  mix: Readonly<Record<string, number>>;
  /** Client-side timeout in ms: a request without answer by then completes as `info`. */
  timeoutMs: number;
}

/** A rejected action: the message says what was wrong in words a player understands. */
export class ActionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ActionError";
  }
}
