// Which members changed since the safety checks last looked. The checks run after every kernel event, and an
// event moves at most a member or two, so looking only at those keeps checking cheap however long the run.
//
// The kernel's view names the nodes that may have moved since the last round of checks (InvariantView.changed);
// without that hint (a view made by hand) every member is a candidate. A candidate is compared on exactly what the
// checks read of it: its Raft instance and log, role, term, the tail of its log, commit and applied indexes, and
// whether it is up. Logs change only at their tail (an append truncates, then pushes immutable entries), so the
// same last entry object at the same index means the same log. A member whose snapshot is unchanged can add nothing
// new to any check: everything it shows was checked when it last moved.

import type { InvariantView, NodeId } from "../../sim/types";
import { EtcdNode } from "./node";
import type { Entry, Raft, RaftLog, StateType } from "../../raft";

interface Snapshot {
  node: EtcdNode;
  raft: Raft;
  log: RaftLog;
  state: StateType;
  term: number;
  lastIndex: number;
  last: Entry | undefined;
  committed: number;
  applied: number;
  up: boolean;
}

const NONE: readonly EtcdNode[] = [];

export class MemberChanges {
  private readonly seen = new Map<NodeId, Snapshot>();
  private changed: EtcdNode[] | undefined;
  /** The kernel's list of candidates last looked at: the same list again means the same round, already seen. */
  private lastCandidates: readonly NodeId[] | undefined;

  /** The etcd members whose checked state moved since the last call, in the view's order. */
  collect(view: InvariantView): readonly EtcdNode[] {
    // Most calls find nothing: they allocate nothing either.
    this.changed = undefined;
    // The kernel names the nodes that may have moved; the snapshots then tell which really did.
    const candidates = view.changed;
    if (candidates !== undefined && candidates === this.lastCandidates) return NONE;
    this.lastCandidates = candidates;
    if (candidates === undefined) {
      for (const id of view.nodes) this.consider(view, id);
    } else if (candidates.length === 1) {
      // The usual case: one event, one node.
      this.consider(view, candidates[0]);
    } else if (candidates.length > 1) {
      for (const id of view.nodes) if (candidates.includes(id)) this.consider(view, id);
    }
    return this.changed ?? NONE;
  }

  private consider(view: InvariantView, id: NodeId): void {
    // A removed node is a candidate too, and no longer in the view.
    const n = view.node(id);
    if (!(n instanceof EtcdNode) || !this.refresh(id, n, view.isUp(id))) return;
    if (this.changed === undefined) this.changed = [n];
    else this.changed.push(n);
  }

  /** Records the member's snapshot; true if it differs from the one seen before. */
  private refresh(id: NodeId, n: EtcdNode, up: boolean): boolean {
    const r = n.raft;
    const log = r.log;
    const lastIndex = log.lastIndex();
    const last = log.entry(lastIndex);
    const s = this.seen.get(id);
    if (s === undefined) {
      this.seen.set(id, { node: n, raft: r, log, state: r.state, term: r.term, lastIndex, last, committed: log.committed, applied: log.applied, up });
      return true;
    }
    if (
      s.node === n &&
      s.raft === r &&
      s.log === log &&
      s.state === r.state &&
      s.term === r.term &&
      s.lastIndex === lastIndex &&
      s.last === last &&
      s.committed === log.committed &&
      s.applied === log.applied &&
      s.up === up
    ) {
      return false;
    }
    s.node = n;
    s.raft = r;
    s.log = log;
    s.state = r.state;
    s.term = r.term;
    s.lastIndex = lastIndex;
    s.last = last;
    s.committed = log.committed;
    s.applied = log.applied;
    s.up = up;
    return true;
  }
}
