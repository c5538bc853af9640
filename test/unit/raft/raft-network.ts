// A tiny deterministic network for driving pure Raft cores in tests, without the simulation kernel (the idea of
// etcd-io/raft's test `network`): messages are delivered in FIFO order until none is left, and a test can cut
// links, isolate nodes and filter messages to stage a scenario exactly.

import { bootstrapStorage, Raft, type RaftConfig, type RaftEvent, type RaftStorage } from "../../../shared/raft";
import type { Entry, RaftMessage, ReadState } from "../../../shared/raft/types";

export type Filter = (m: RaftMessage) => boolean;

/** A counter-based stand-in for a seeded generator: deterministic, and different for every draw. */
export function sequenceRandom(seed = 0): (n: number) => number {
  let x = seed;
  return (n: number) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
}

export function testConfig(id: string, overrides: Partial<RaftConfig> = {}): RaftConfig {
  return {
    id,
    electionTick: 10,
    heartbeatTick: 1,
    preVote: true,
    checkQuorum: true,
    maxEntriesPerMsg: 64,
    maxInflight: 256,
    randomInt: sequenceRandom(id.charCodeAt(id.length - 1)),
    ...overrides,
  };
}

/** A log of plain entries from their terms (index i+1 has term terms[i]). */
export function logOf(terms: readonly number[]): Entry[] {
  return terms.map((term, i) => ({ term, index: i + 1, type: "normal", data: `e${i + 1}t${term}` }));
}

/** Storage for a node of `voters` with the given log (entries committed up to `commit`) at `term`. */
export function storageOf(voters: readonly string[], terms: readonly number[], term: number, commit = 0): RaftStorage {
  return { hardState: { term, vote: "", commit }, entries: logOf(terms), conf: { voters: [...voters], removed: [] } };
}

export class RaftNetwork {
  readonly nodes = new Map<string, Raft>();
  /** Every message ever delivered, in delivery order. */
  readonly delivered: RaftMessage[] = [];
  /** Every message dropped by a cut or a filter. */
  readonly dropped: RaftMessage[] = [];
  private readonly queue: RaftMessage[] = [];
  private readonly cuts = new Set<string>();
  private filters: Filter[] = [];
  private rewrites: ((m: RaftMessage) => RaftMessage)[] = [];
  /** Entries each node has applied, in order. */
  readonly applied = new Map<string, Entry[]>();
  /** Read states each node has been handed, in order. */
  readonly readStates = new Map<string, ReadState[]>();
  /** What each node's core reported (elections, step-downs, conf changes), in order. */
  readonly events = new Map<string, RaftEvent[]>();

  add(raft: Raft): Raft {
    this.nodes.set(raft.id, raft);
    this.applied.set(raft.id, []);
    this.readStates.set(raft.id, []);
    this.events.set(raft.id, []);
    this.collect(raft.id);
    return raft;
  }

  /** A crash and restart: the node comes back from its durable state only (hard state, log, configuration). */
  restart(id: string): Raft {
    const old = this.node(id);
    const fresh = new Raft(old.cfg, { hardState: old.hardState(), entries: old.log.all(), conf: old.conf });
    this.nodes.set(id, fresh);
    this.collect(id);
    return fresh;
  }

  node(id: string): Raft {
    const r = this.nodes.get(id);
    if (!r) throw new Error(`no node ${id} in the test network`);
    return r;
  }

  /** Drops every message between a and b, both ways. */
  cut(a: string, b: string): void {
    this.cuts.add(`${a}>${b}`);
    this.cuts.add(`${b}>${a}`);
  }

  isolate(id: string): void {
    for (const other of this.nodes.keys()) if (other !== id) this.cut(id, other);
  }

  heal(): void {
    this.cuts.clear();
    this.filters = [];
    this.rewrites = [];
  }

  /** Changes messages in flight until the next heal() (e.g. to hold back some entries of an append). */
  rewrite(fn: (m: RaftMessage) => RaftMessage): void {
    this.rewrites.push(fn);
  }

  /** Drops messages for which `f` returns true until the next heal(). */
  drop(f: Filter): void {
    this.filters.push(f);
  }

  /** Steps `m` into its addressee (as if it had just arrived) and delivers everything that follows. */
  send(m: RaftMessage): void {
    this.queue.push(m);
    this.stabilize();
  }

  /** Runs `fn` on node `id`, then delivers everything that follows. */
  on<T>(id: string, fn: (r: Raft) => T): T {
    const out = fn(this.node(id));
    this.collect(id);
    this.stabilize();
    return out;
  }

  tick(id: string, times = 1): void {
    for (let i = 0; i < times; i++) this.on(id, (r) => r.tick());
  }

  /** One tick on every node (in id order), delivering messages after each. */
  tickAll(times = 1): void {
    for (let i = 0; i < times; i++) for (const id of [...this.nodes.keys()].sort()) this.tick(id);
  }

  leaders(): string[] {
    return [...this.nodes.values()].filter((r) => r.state === "leader").map((r) => r.id);
  }

  /** Delivers queued messages (and those they cause) until none is left. */
  stabilize(): void {
    for (let guard = 0; this.queue.length > 0; guard++) {
      if (guard > 100_000) throw new Error("the test network did not settle");
      const m = this.rewrites.reduce((msg, fn) => fn(msg), this.queue.shift() as RaftMessage);
      const target = this.nodes.get(m.to);
      if (!target || this.cuts.has(`${m.from}>${m.to}`) || this.filters.some((f) => f(m))) {
        this.dropped.push(m);
        continue;
      }
      this.delivered.push(m);
      target.step(m);
      this.collect(m.to);
    }
  }

  /** Takes a node's Ready: queues its messages, "applies" its committed entries, advances. */
  private collect(id: string): void {
    const r = this.node(id);
    while (r.hasReady()) {
      const rd = r.ready();
      this.queue.push(...rd.msgs);
      this.applied.get(id)?.push(...rd.committedEntries);
      this.readStates.get(id)?.push(...rd.readStates);
      r.advance(rd);
      // Events of the conf changes just applied come out of advance(): take them with the next Ready.
      this.events.get(id)?.push(...rd.events);
    }
  }
}

/** A network of a brand-new cluster: every node starts from the same bootstrap log, as etcd starts one. */
export function clusterOf(ids: readonly string[], overrides: Partial<RaftConfig> = {}): RaftNetwork {
  const net = new RaftNetwork();
  for (const id of ids) net.add(new Raft(testConfig(id, overrides), bootstrapStorage(ids)));
  return net;
}

/** Elects `id` by letting its election timer run out while the others stay quiet. */
export function elect(net: RaftNetwork, id: string): void {
  net.on(id, (r) => r.campaignNow());
  if (net.node(id).state !== "leader") throw new Error(`${id} did not win the election`);
}

export function terms(r: Raft): number[] {
  return r.log.all().map((e) => e.term);
}
