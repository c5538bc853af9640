// The client side of a run: which process ids exist and who drives them (a workload bot or a player), which
// requests are still waiting, and what happened to each — the Jepsen history. The kernel (Simulation) carries the
// requests and answers over the client hop and schedules timeouts; everything about processes and outcomes is here.

import { StaleReadTracker } from "../checkers/stale-reads";
import { History } from "./history";
import type { ClientOp, ClientRequest, Completion, NodeId } from "./types";
import { ActionError } from "./types";
import type { Workload } from "./workload";

/** A client operation ended (ok, fail, or info on timeout). */
export interface CompletionNotice {
  process: number;
  requestId: number;
  op: ClientOp;
  target: NodeId;
  completion: Completion;
  latencyMs: number;
  /** True for workload bots, false for players' own requests. */
  bot: boolean;
  /**
   * Set on a read that returned a stale value: a write of `newer` to the same key was acknowledged (at
   * `ackedAt`) before this read began, and began after the value read had been acknowledged — so any correct
   * register would have returned `newer` or something later (shared/checkers/stale-reads.ts).
   */
  stale?: { newer: unknown; ackedAt: number };
}

export type CompletionListener = (notice: CompletionNotice) => void;

export interface ClientRequestRecord {
  id: number;
  process: number;
  target: NodeId;
  op: ClientOp;
  /** The request as the node receives it. */
  asReceived: ClientRequest;
  sentAt: number;
  done: boolean;
  bot: { workload: Workload; slot: number } | undefined;
}

export class Clients {
  readonly history = new History();
  /** Judges every read as it completes (shared/checkers/stale-reads.ts), so a player sees a stale answer marked. */
  readonly staleReads = new StaleReadTracker();
  private readonly owner = new Map<number, "bot" | "player">();
  private readonly pending = new Map<number, ClientRequestRecord>();
  private readonly listeners = new Set<CompletionListener>();
  private nextFresh = 0;
  private lastId = 0;

  /** Throws ActionError unless a player's `process` may send `op` to `target` now; then the process is theirs. */
  claimForPlayer(process: unknown, target: unknown, op: unknown, timeoutMs: unknown, nodes: readonly NodeId[]): void {
    if (!Number.isSafeInteger(process) || (process as number) < 0) {
      throw new ActionError(`a client process is a whole number >= 0, got ${JSON.stringify(process)}`);
    }
    const p = process as number;
    if (typeof target !== "string" || !nodes.includes(target)) {
      throw new ActionError(`unknown node ${JSON.stringify(target)}; the nodes are ${nodes.join(", ") || "(none)"}`);
    }
    if (op === null || typeof op !== "object" || typeof (op as ClientOp).f !== "string") {
      throw new ActionError('a client operation needs "f", such as { "f": "read", "key": "k1" }');
    }
    const key = (op as ClientOp).key;
    if (key !== undefined && typeof key !== "string") throw new ActionError("a client operation's key must be a string");
    const body = (op as ClientOp).body;
    if (body !== undefined && typeof body !== "string") throw new ActionError("a client operation's body must be a string");
    if (!Number.isSafeInteger(timeoutMs) || (timeoutMs as number) < 1) {
      throw new ActionError(`a client timeout is a whole number of ms >= 1, got ${JSON.stringify(timeoutMs)}`);
    }
    if (this.owner.get(p) === "bot") throw new ActionError(`client process ${p} belongs to a workload bot; use another process id`);
    if (this.history.isRetired(p)) {
      throw new ActionError(`client process ${p} timed out earlier (its outcome is unknown), so it may not be used again; use a new process id`);
    }
    if (this.history.isOpen(p)) {
      throw new ActionError(`client process ${p} is still waiting for its last operation; a client runs one operation at a time`);
    }
    this.owner.set(p, "player");
  }

  /** The first of start, start + stride, ... that nobody has used; now a bot's. */
  claimForBot(start: number, stride: number): number {
    let p = start;
    while (this.owner.has(p)) p += stride;
    this.owner.set(p, "bot");
    return p;
  }

  /** The smallest process id nobody has used (not yet claimed: the first request with it claims it). */
  fresh(): number {
    while (this.owner.has(this.nextFresh)) this.nextFresh++;
    return this.nextFresh;
  }

  /** Records the invoke and returns the new request, waiting for its completion. */
  open(process: number, target: NodeId, op: ClientOp, now: number, bot: ClientRequestRecord["bot"]): ClientRequestRecord {
    this.staleReads.observe(this.history.invoke(process, op, now));
    const id = ++this.lastId;
    const asReceived: ClientRequest = { id, f: op.f };
    if (op.key !== undefined) asReceived.key = op.key;
    if (op.value !== undefined) asReceived.value = op.value;
    if (op.body !== undefined) asReceived.body = op.body;
    const req: ClientRequestRecord = { id, process, target, op, asReceived, sentAt: now, done: false, bot };
    this.pending.set(id, req);
    return req;
  }

  /** The request if it still waits for its completion. */
  waiting(id: number): ClientRequestRecord | undefined {
    return this.pending.get(id);
  }

  /** Whether a request with this id was ever sent. */
  issued(id: number): boolean {
    return Number.isSafeInteger(id) && id >= 1 && id <= this.lastId;
  }

  /** Records the completion, then tells the bot that sent it (if any) and every listener. */
  finish(req: ClientRequestRecord, completion: Completion, now: number): void {
    req.done = true;
    this.pending.delete(req.id);
    const stale = this.staleReads.observe(this.history.complete(req.process, completion, now));
    if (req.bot) req.bot.workload.completed(req.bot.slot, completion);
    if (this.listeners.size === 0) return;
    const notice: CompletionNotice = {
      process: req.process,
      requestId: req.id,
      op: req.op,
      target: req.target,
      completion,
      latencyMs: now - req.sentAt,
      bot: req.bot !== undefined,
    };
    if (stale) notice.stale = { newer: stale.newer, ackedAt: stale.ackedAt };
    for (const listener of this.listeners) listener(notice);
  }

  onCompletion(listener: CompletionListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
