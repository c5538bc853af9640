// The coordinator (service/StorageProxy.java, AbstractWriteResponseHandler, ReadCallback, DigestResolver): the node
// a client talks to for a request, whether or not it holds the key.
//
// Writes go to every replica the coordinator believes up (natural replicas and pending ones), each with the same
// timestamp; replicas it believes down get a hint at once. It answers when enough replicas acknowledged for the
// consistency level, and Unavailable up front when too few are up to ever get there. A replica that has not
// answered when the write times out also gets a hint; the client learns only that the outcome is unknown.
//
// Reads go to just enough replicas for the level, nearest first: a full data read from one, digest reads from the
// others. If every digest matches, the data is the answer. If not, the coordinator reads full data from all of
// them, keeps the newest cell (last write wins, by timestamp), and with read_repair BLOCKING writes that cell to the
// replicas that answered with an older one, waiting for them before it answers ("monotonic quorum reads").

import type { ConsistencyLevel } from "../../protocol/actions";
import type { Completion } from "../../sim/types";
import { blockFor, checkUsable, countsToward, isSatisfied, perDcRequirement, sufficientLive } from "./consistency";
import type { Replication } from "./ring/placement";
import { type Cell, reconcile } from "./storage/cell";
import { type CassandraMessage, digestOf } from "./wire";

/** What a coordinator needs from its node. */
export interface CoordinatorHost {
  readonly self: string;
  readonly localDc: string;
  now(): number;
  dcOf(node: string): string;
  isAlive(node: string): boolean;
  send(to: string, msg: CassandraMessage): void;
  respond(requestId: number, completion: Completion): void;
  /** Writes a cell to this node's own storage (the coordinator is often a replica too). */
  applyLocal(key: string, cell: Cell): void;
  readLocal(key: string): Cell | undefined;
  /** Stores a hint for `target` when hinted handoff allows it; true if stored. */
  hint(target: string, key: string, cell: Cell): boolean;
  setTimer(name: string, ms: number): void;
  cancelTimer(name: string): void;
}

interface WriteHandler {
  requestId: number;
  key: string;
  cell: Cell;
  cl: ConsistencyLevel;
  replication: Replication;
  targets: string[];
  pending: number;
  acked: string[];
  hinted: string[];
  answered: boolean;
}

interface ReadHandler {
  requestId: number;
  key: string;
  cl: ConsistencyLevel;
  replication: Replication;
  /** Live replicas nearest first; the first ones are asked, the next one is the speculative retry's. */
  candidates: string[];
  contacted: string[];
  /** Phase 1 answers: a cell from a data read, or a digest. */
  answers: Map<string, { cell?: Cell; digest: string; data: boolean }>;
  speculated: boolean;
  /** Phase 2 (after a mismatch): full data from every replica that answered. */
  full: Map<string, Cell | undefined> | undefined;
  fullFrom: string[];
  /** Phase 3: replicas being repaired, and the merged cell that will be the answer. */
  repairing: Set<string> | undefined;
  merged: Cell | undefined;
  note: string;
}

export const WRITE_TIMER = "w";
export const READ_TIMER = "r";
export const SPECULATE_TIMER = "s";

function seconds(ts: number): string {
  return `${(ts / 1e6).toFixed(2)} s`;
}

/** How a cell reads in a note: `v12 (written at 3.10 s)`. */
export function describeCell(cell: Cell | undefined): string {
  if (cell === undefined) return "nothing";
  return `${cell.value === null ? "a deletion" : cell.value} (written at ${seconds(cell.ts)})`;
}

export class Coordinator {
  private readonly writes = new Map<number, WriteHandler>();
  private readonly reads = new Map<number, ReadHandler>();
  private nextOp = 1;
  private lastTs = Number.NEGATIVE_INFINITY;

  constructor(private readonly host: CoordinatorHost) {}

  /** Requests this node coordinates now, in words (its player sees them). */
  describe(): string[] {
    const lines: string[] = [];
    for (const w of this.writes.values()) {
      if (!w.answered) lines.push(`write ${w.key} at ${w.cl}: acked by ${w.acked.join(", ") || "nobody yet"}; waiting for ${w.targets.filter((t) => !w.acked.includes(t)).join(", ") || "nobody"}`);
    }
    for (const r of this.reads.values()) {
      const answered = r.full ? [...r.full.keys()] : [...r.answers.keys()];
      lines.push(`read ${r.key} at ${r.cl}: asked ${r.contacted.join(", ")}; answered ${answered.join(", ") || "nobody yet"}${r.repairing ? "; repairing" : ""}`);
    }
    return lines;
  }

  /** Cassandra's write timestamps are microseconds of the coordinator's clock, never repeating on one node. */
  private timestamp(): number {
    const us = Math.floor(this.host.now() * 1000);
    this.lastTs = Math.max(us, this.lastTs + 1);
    return this.lastTs;
  }

  write(requestId: number, key: string, value: string | null, cl: ConsistencyLevel, replication: Replication, replicas: { natural: string[]; pending: string[] }): void {
    const h = this.host;
    const unusable = checkUsable(cl, "write");
    if (unusable) return h.respond(requestId, { type: "fail", error: `InvalidRequest: ${unusable}` });
    const live = replicas.natural.filter((n) => h.isAlive(n)).map((node) => ({ node, dc: h.dcOf(node) }));
    const enough = sufficientLive(cl, replication, h.localDc, live);
    if (!enough.ok) return h.respond(requestId, { type: "fail", error: `Unavailable: ${enough.reason}` });

    const op = this.nextOp++;
    const cell: Cell = { value, ts: this.timestamp() };
    const targets = [...replicas.natural, ...replicas.pending];
    const w: WriteHandler = { requestId, key, cell, cl, replication, targets: [], pending: replicas.pending.length, acked: [], hinted: [], answered: false };
    this.writes.set(op, w);
    for (const target of targets) {
      if (target === h.self) {
        h.applyLocal(key, cell);
        w.targets.push(target);
        w.acked.push(target);
      } else if (h.isAlive(target)) {
        h.send(target, { kind: "mutation", op, key, cell });
        w.targets.push(target);
      } else if (h.hint(target, key, cell)) {
        w.hinted.push(target);
      }
    }
    h.setTimer(`${WRITE_TIMER}${op}`, this.writeTimeoutMs);
    this.checkWrite(op, w);
  }

  writeTimeoutMs = 10_000;
  readTimeoutMs = 5_000;
  readRepair: "BLOCKING" | "NONE" = "BLOCKING";

  private writeDone(w: WriteHandler): boolean {
    const acked = w.acked.map((node) => ({ node, dc: this.host.dcOf(node) }));
    if (w.cl === "ANY") return acked.length + w.hinted.length >= 1;
    const need = blockFor(w.cl, w.replication, this.host.localDc) + w.pending;
    return isSatisfied(w.cl, w.replication, this.host.localDc, acked) && w.acked.length >= Math.min(need, w.targets.length + w.hinted.length);
  }

  private checkWrite(op: number, w: WriteHandler): void {
    if (!w.answered && this.writeDone(w)) {
      w.answered = true;
      const how = w.acked.length > 0 ? `acknowledged by ${w.acked.join(", ")}` : `stored as a hint for ${w.hinted.join(", ")}`;
      const hinted = w.acked.length > 0 && w.hinted.length > 0 ? `; hints kept for ${w.hinted.join(", ")}` : "";
      this.host.respond(w.requestId, { type: "ok", note: `${w.cl} write ${how}${hinted}` });
    }
    // Done once every target answered, unless the client still waits: an ANY write with no replica up and no hint
    // kept (hinted handoff off, or past max_hint_window) can never succeed, and must still time out with
    // WriteTimeout rather than go unanswered.
    if (w.acked.length === w.targets.length && w.answered) {
      this.writes.delete(op);
      this.host.cancelTimer(`${WRITE_TIMER}${op}`);
    }
  }

  onMutationAck(from: string, op: number): void {
    const w = this.writes.get(op);
    if (!w || w.acked.includes(from) || !w.targets.includes(from)) return;
    w.acked.push(from);
    this.checkWrite(op, w);
  }

  onWriteTimeout(op: number): void {
    const w = this.writes.get(op);
    if (!w) return;
    this.writes.delete(op);
    const silent = w.targets.filter((t) => !w.acked.includes(t));
    for (const t of silent) this.host.hint(t, w.key, w.cell);
    if (w.answered) return;
    const need = blockFor(w.cl, w.replication, this.host.localDc) + w.pending;
    this.host.respond(w.requestId, {
      type: "info",
      error: `WriteTimeout: Cassandra timeout during write query at consistency ${w.cl} (${need} replica${need === 1 ? " was" : "s were"} required but only ${w.acked.length} acknowledged the write)`,
    });
  }

  /** speculative_retry: a read still short of answers after this long asks one more replica (see node config). */
  speculativeRetryMs = 100;

  read(requestId: number, key: string, cl: ConsistencyLevel, replication: Replication, natural: string[]): void {
    const h = this.host;
    const unusable = checkUsable(cl, "read");
    if (unusable) return h.respond(requestId, { type: "fail", error: `InvalidRequest: ${unusable}` });
    // Nearest first, as the snitch sorts them: this node, then its own datacenter, then the rest in ring order.
    const rank = (n: string) => (n === h.self ? 0 : h.dcOf(n) === h.localDc ? 1 : 2);
    const live = natural.filter((n) => h.isAlive(n)).sort((a, b) => rank(a) - rank(b));
    const enough = sufficientLive(cl, replication, h.localDc, live.map((node) => ({ node, dc: h.dcOf(node) })));
    if (!enough.ok) return h.respond(requestId, { type: "fail", error: `Unavailable: ${enough.reason}` });

    const perDc = perDcRequirement(cl, replication, h.localDc);
    const candidates = live.filter((n) => countsToward(cl, h.dcOf(n), h.localDc));
    const first: string[] = [];
    for (const n of candidates) {
      if (isSatisfied(cl, replication, h.localDc, this.refs(first))) break;
      const dc = h.dcOf(n);
      if (perDc && (perDc[dc] ?? 0) <= first.filter((c) => h.dcOf(c) === dc).length) continue;
      first.push(n);
    }
    const op = this.nextOp++;
    const r: ReadHandler = {
      requestId, key, cl, replication, candidates, contacted: [], answers: new Map(), speculated: false,
      full: undefined, fullFrom: [], repairing: undefined, merged: undefined, note: "",
    };
    this.reads.set(op, r);
    h.setTimer(`${READ_TIMER}${op}`, this.readTimeoutMs);
    if (candidates.length > first.length) h.setTimer(`${SPECULATE_TIMER}${op}`, this.speculativeRetryMs);
    first.forEach((n, i) => this.ask(op, r, n, i === 0));
  }

  private refs(nodes: readonly string[]): { node: string; dc: string }[] {
    return nodes.map((node) => ({ node, dc: this.host.dcOf(node) }));
  }

  /** Sends a data read (or a digest read) to `node`; this node answers itself at once. */
  private ask(op: number, r: ReadHandler, node: string, data: boolean): void {
    r.contacted.push(node);
    const h = this.host;
    if (node !== h.self) {
      h.send(node, data ? { kind: "read", op, key: r.key } : { kind: "digest", op, key: r.key });
      return;
    }
    const cell = h.readLocal(r.key);
    this.onReadReply(node, data ? { kind: "read-reply", op, key: r.key, ...(cell ? { cell } : {}) } : { kind: "read-reply", op, key: r.key, digest: digestOf(cell) });
  }

  /** The speculative retry: one more replica, asked for data if no data has come back yet. */
  onSpeculate(op: number): void {
    const r = this.reads.get(op);
    if (!r || r.full || r.speculated) return;
    const next = r.candidates.find((n) => !r.contacted.includes(n));
    if (next === undefined) return;
    r.speculated = true;
    const haveData = [...r.answers.values()].some((a) => a.data);
    this.ask(op, r, next, !haveData);
  }

  onReadReply(from: string, msg: Extract<CassandraMessage, { kind: "read-reply" }>): void {
    const r = this.reads.get(msg.op);
    if (!r || !r.contacted.includes(from)) return;
    if (r.full) {
      if (msg.digest !== undefined || r.full.has(from) || !r.fullFrom.includes(from)) return;
      r.full.set(from, msg.cell);
      if (r.full.size === r.fullFrom.length) this.resolve(msg.op, r);
      return;
    }
    if (r.answers.has(from)) return;
    const data = msg.digest === undefined;
    r.answers.set(from, data ? { cell: msg.cell, digest: digestOf(msg.cell), data } : { digest: msg.digest as string, data });
    const dataAnswer = [...r.answers].find(([, a]) => a.data);
    if (!dataAnswer || !isSatisfied(r.cl, r.replication, this.host.localDc, this.refs([...r.answers.keys()]))) return;
    const [dataNode, { cell }] = dataAnswer;
    const mismatched = [...r.answers.values()].some((a) => a.digest !== digestOf(cell));
    if (!mismatched) {
      const others = [...r.answers.keys()].filter((n) => n !== dataNode);
      const agreed = others.length > 0 ? `; ${others.join(", ")} agreed` : "";
      this.finishRead(msg.op, r, cell, `${r.cl} read: data from ${dataNode}: ${describeCell(cell)}${agreed}`);
      return;
    }
    // Digest mismatch: read full data from every replica that answered, then resolve.
    r.full = new Map();
    r.fullFrom = [...r.answers.keys()];
    for (const [n, a] of r.answers) {
      if (a.data) r.full.set(n, a.cell);
      else if (n === this.host.self) r.full.set(n, this.host.readLocal(r.key));
      else this.host.send(n, { kind: "read", op: msg.op, key: r.key });
    }
    if (r.full.size === r.fullFrom.length) this.resolve(msg.op, r);
  }

  private resolve(op: number, r: ReadHandler): void {
    const full = r.full as Map<string, Cell | undefined>;
    let merged: Cell | undefined;
    for (const cell of full.values()) merged = reconcile(merged, cell);
    const stale = [...full].filter(([, c]) => digestOf(c) !== digestOf(merged)).map(([n]) => n);
    const held = [...full].map(([n, c]) => `${n} had ${describeCell(c)}`).join(", ");
    // A replica can catch up (a write, a hint) between its digest and the full read: then nobody is stale.
    if (stale.length === 0) return this.finishRead(op, r, merged, `${r.cl} read: a digest differed, but the full data agreed (${held})`);
    const base = `${r.cl} read: the replicas disagreed (${held}); the newest write wins`;
    if (this.readRepair === "NONE") {
      this.finishRead(op, r, merged, `${base}; read_repair is NONE, so ${stale.join(", ")} stay${stale.length === 1 ? "s" : ""} stale`);
      return;
    }
    r.merged = merged;
    r.repairing = new Set(stale);
    r.note = `${base}; ${stale.join(", ")} repaired before answering (blocking read repair)`;
    for (const n of stale) {
      if (n === this.host.self) {
        if (merged) this.host.applyLocal(r.key, merged);
        r.repairing.delete(n);
      } else if (merged) this.host.send(n, { kind: "read-repair", op, key: r.key, cell: merged });
    }
    if (r.repairing.size === 0) this.finishRead(op, r, merged, r.note);
  }

  onReadRepairAck(from: string, op: number): void {
    const r = this.reads.get(op);
    if (!r?.repairing?.delete(from)) return;
    if (r.repairing.size === 0) this.finishRead(op, r, r.merged, r.note);
  }

  private finishRead(op: number, r: ReadHandler, cell: Cell | undefined, note: string): void {
    this.reads.delete(op);
    this.host.cancelTimer(`${READ_TIMER}${op}`);
    this.host.cancelTimer(`${SPECULATE_TIMER}${op}`);
    this.host.respond(r.requestId, { type: "ok", value: cell === undefined ? null : cell.value, note });
  }

  onReadTimeout(op: number): void {
    const r = this.reads.get(op);
    if (!r) return;
    this.reads.delete(op);
    this.host.cancelTimer(`${SPECULATE_TIMER}${op}`);
    const need = r.repairing ? r.fullFrom.length : blockFor(r.cl, r.replication, this.host.localDc);
    const got = r.repairing ? need - r.repairing.size : r.full ? r.full.size : r.answers.size;
    const what = r.repairing ? "read repair did not finish" : `${need} response${need === 1 ? " was" : "s were"} required but only ${got} replica${got === 1 ? "" : "s"} responded`;
    this.host.respond(r.requestId, { type: "fail", error: `ReadTimeout: Cassandra timeout during read query at consistency ${r.cl} (${what})` });
  }
}
