// MinIO's namespace lock (dsync, cmd/namespace-lock.go): a put or a heal holds its object's write lock, a get its
// read lock, for the whole operation. The lockers are the servers of the object's erasure set in the first pool
// (erasureServerPools.NewNSLock asks pool 0; a set has one locker per server). A lock is held when a quorum of
// lockers granted it (quorum.ts); short of that, what was granted is released and the attempt is made again after
// a random pause, until the operation gives up (OperationTimedOut). So a get never sees a put half renamed into
// place, and two puts of one object never interleave: histories are linearizable per object.

import type { DriveReply } from "../wire";
import type { Operation, OperationHost } from "../operations";
import { lockQuorum } from "./quorum";

/** dsync's acquire timeout: lockers that have not answered by then count as refusing this attempt. */
const ATTEMPT_MS = 1000;
/** dsync waits a random while before trying again (lockRetryMinInterval and jitter). */
const RETRY_MIN_MS = 250;
const RETRY_JITTER_MS = 250;
/**
 * How long an operation waits for its lock. MinIO's object operations wait for minutes (a dynamic timeout); the
 * clients here give up after seconds, long before, so the server stops trying after this.
 */
export const LOCK_TIMEOUT_MS = 30_000;

export const ERR_LOCK_TIMEOUT = "OperationTimedOut: A timeout occurred while trying to lock a resource, please reduce your request rate";

export interface LockRequest {
  resource: string;
  write: boolean;
  /** The servers whose lockers are asked, in a stable order. */
  lockers: readonly string[];
}

export class NamespaceLocked implements Operation {
  private phase: "acquire" | "backoff" | "held" | "over" = "acquire";
  private attempt = 0;
  private readonly answers = new Map<string, boolean>();
  private inner: Operation | undefined;
  private readonly quorum: number;
  private deadline = 0;

  constructor(
    private readonly op: number,
    private readonly host: OperationHost,
    private readonly lock: LockRequest,
    /** Builds the operation that runs under the lock, given a host whose done() also releases it. */
    private readonly make: (host: OperationHost) => Operation,
    /** The lock could not be had in time: answer the client (or give up a heal). */
    private readonly gaveUp: () => void,
  ) {
    this.quorum = lockQuorum(lock.lockers.length, lock.write);
  }

  get object(): string {
    return this.lock.resource;
  }

  describe(): string {
    if (this.inner) return this.inner.describe();
    const granted = [...this.answers.values()].filter(Boolean).length;
    return `${this.lock.resource}: waiting for its ${this.lock.write ? "write" : "read"} lock (${granted} of ${this.quorum} lockers granted)`;
  }

  start(): void {
    this.deadline = this.host.now() + LOCK_TIMEOUT_MS;
    this.ask();
  }

  private uid(attempt = this.attempt): string {
    return `${this.host.self}:${this.op}:${attempt}`;
  }

  private ask(): void {
    this.phase = "acquire";
    this.attempt++;
    this.answers.clear();
    this.host.armTimer(ATTEMPT_MS);
    for (const server of this.lock.lockers) {
      this.host.ask(server, { kind: "lock", op: this.op, resource: this.lock.resource, uid: this.uid(), write: this.lock.write });
    }
  }

  reply(from: string, r: DriveReply): void {
    if (this.phase === "held") {
      if (r.kind === "locked") this.staleGrant(from, r);
      else this.inner?.reply(from, r);
      return;
    }
    if (r.kind !== "locked") return;
    if (r.uid !== this.uid() || this.phase !== "acquire" || this.answers.has(from) || !this.lock.lockers.includes(from)) {
      this.staleGrant(from, r);
      return;
    }
    this.answers.set(from, r.granted);
    const granted = [...this.answers.values()].filter(Boolean).length;
    const refused = this.answers.size - granted;
    if (granted >= this.quorum) this.acquired();
    else if (refused > this.lock.lockers.length - this.quorum) this.retry();
  }

  /**
   * A grant this operation does not count (for an abandoned attempt, or after the quorum was reached) is handed
   * straight back: its unlock may have overtaken it on the network.
   */
  private staleGrant(from: string, r: DriveReply): void {
    if (r.kind === "locked" && r.granted) this.host.unlock(from, this.lock.resource, r.uid);
  }

  timedOut(): void {
    if (this.phase === "acquire") this.retry();
    else if (this.phase === "backoff") this.ask();
    else if (this.phase === "held") this.inner?.timedOut();
  }

  private acquired(): void {
    this.phase = "held";
    const release = () => this.releaseAll();
    const host: OperationHost = {
      ...this.host,
      done: () => {
        release();
        this.host.done();
      },
    };
    this.inner = this.make(host);
    this.inner.start();
  }

  private retry(): void {
    this.releaseAll();
    if (this.host.now() >= this.deadline) {
      this.phase = "over";
      this.gaveUp();
      this.host.done();
      return;
    }
    this.phase = "backoff";
    this.host.armTimer(RETRY_MIN_MS + Math.floor(this.host.random() * RETRY_JITTER_MS));
  }

  /** dsync unlocks on every locker, granted or not: a grant still on its way is released when it lands. */
  private releaseAll(): void {
    for (const server of this.lock.lockers) this.host.unlock(server, this.lock.resource, this.uid());
  }
}
