// The five safety properties of Raft (paper, Figure 3), checked after every kernel event. Each check is
// incremental: it remembers what it has already verified and looks only at what changed since, so checking after
// every event stays cheap. Each distinct violation is reported once, in plain words.

import type { Invariant, InvariantView } from "../../sim/types";
import { etcdNodes } from "./cluster-view";
import type { EtcdNode } from "./node";
import type { Entry, Raft } from "./raft";

const signatures = new WeakMap<Entry, string>();

/**
 * What makes two entries the same entry: term, kind and content. Entries are immutable and travel by reference
 * from the leader to every follower, so each one is written out once, not once per member per check.
 */
function signature(e: Entry): string {
  let sig = signatures.get(e);
  if (sig === undefined) {
    sig = `${e.term}|${e.type}|${e.data === undefined ? "" : JSON.stringify(e.data)}`;
    signatures.set(e, sig);
  }
  return sig;
}

/** Collects violation texts, each only the first time it is seen. */
class Reporter {
  private readonly seen = new Set<string>();
  private found: string[] = [];

  add(text: string): void {
    if (this.seen.has(text)) return;
    this.seen.add(text);
    this.found.push(text);
  }

  take(): string[] {
    const out = this.found;
    this.found = [];
    return out;
  }
}

/** 1. Election Safety: at most one leader can be elected in a given term. */
function electionSafety(): Invariant {
  const leaderOfTerm = new Map<number, string>();
  const report = new Reporter();
  return {
    name: "election-safety",
    check(view: InvariantView): string[] {
      for (const n of etcdNodes(view)) {
        if (!view.isUp(n.id) || n.raft.state !== "leader") continue;
        const term = n.raft.term;
        const known = leaderOfTerm.get(term);
        if (known === undefined) leaderOfTerm.set(term, n.id);
        else if (known !== n.id) report.add(`${known} and ${n.id} were both elected leader in term ${term}`);
      }
      return report.take();
    },
  };
}

/** 2. Leader Append-Only: while it leads, a leader never overwrites or deletes entries in its log. */
function leaderAppendOnly(): Invariant {
  const watched = new Map<string, { raft: Raft; term: number; lastIndex: number; last: Entry | undefined }>();
  const report = new Reporter();
  return {
    name: "leader-append-only",
    check(view: InvariantView): string[] {
      for (const n of etcdNodes(view)) {
        const r = n.raft;
        if (r.state !== "leader") {
          watched.delete(n.id);
          continue;
        }
        const w = watched.get(n.id);
        if (w && w.raft === r && w.term === r.term) {
          // Logs change only at their tail, so if the entry at the old last index is still the same object, every
          // entry before it is too.
          if (r.log.lastIndex() < w.lastIndex || r.log.entry(w.lastIndex) !== w.last) {
            report.add(`${n.id}, leader of term ${r.term}, overwrote or deleted entries at or before index ${w.lastIndex}`);
          }
        }
        watched.set(n.id, { raft: r, term: r.term, lastIndex: r.log.lastIndex(), last: r.log.entry(r.log.lastIndex()) });
      }
      return report.take();
    },
  };
}

/**
 * 3. Log Matching: if two logs hold an entry with the same index and term, they are identical up to it.
 * Checked locally: every (index, term) must always denote the same entry with the same previous term; by
 * induction on the index, that is exactly the property (and it also holds across time, as Raft guarantees).
 */
function logMatching(): Invariant {
  const byIndexTerm = new Map<string, { sig: string; prevTerm: number; node: string }>();
  const seen = new Map<string, { raft: Raft; entries: Entry[] }>();
  const report = new Reporter();
  return {
    name: "log-matching",
    check(view: InvariantView): string[] {
      for (const n of etcdNodes(view)) {
        const r = n.raft;
        let s = seen.get(n.id);
        if (!s || s.raft !== r) {
          s = { raft: r, entries: [] };
          seen.set(n.id, s);
        }
        const last = r.log.lastIndex();
        if (s.entries.length === last && (last === 0 || r.log.entry(last) === s.entries[last - 1])) continue;
        // Find where the log changed: below that point, entries are the very objects already checked.
        let i = Math.min(s.entries.length, last);
        while (i > 0 && r.log.entry(i) !== s.entries[i - 1]) i--;
        s.entries.length = i;
        for (let j = i + 1; j <= last; j++) {
          const e = r.log.entry(j) as Entry;
          const key = `${j}:${e.term}`;
          const mine = { sig: signature(e), prevTerm: r.log.term(j - 1) ?? 0, node: n.id };
          const known = byIndexTerm.get(key);
          if (!known) byIndexTerm.set(key, mine);
          else if (known.sig !== mine.sig || known.prevTerm !== mine.prevTerm) {
            report.add(`${known.node} and ${n.id} hold different entries at index ${j} with the same term ${e.term}`);
          }
          s.entries.push(e);
        }
      }
      return report.take();
    },
  };
}

/**
 * 4. Leader Completeness: an entry committed in some term is in the log of every leader of a later term.
 * An entry's commit term is the term of the node that first shows it committed: commit indexes advance first at
 * the leader that decides them, and invariants run after every event.
 */
function leaderCompleteness(): Invariant {
  const committed: { sig: string; commitTerm: number }[] = [];
  const leaders = new Set<string>();
  const report = new Reporter();
  const lacks = (n: EtcdNode, index: number): boolean => {
    const e = n.raft.log.entry(index);
    return !e || signature(e) !== committed[index - 1].sig;
  };
  return {
    name: "leader-completeness",
    check(view: InvariantView): string[] {
      const nodes = etcdNodes(view).filter((n) => view.isUp(n.id));
      const before = committed.length;
      for (const n of nodes) {
        const r = n.raft;
        for (let i = committed.length + 1; i <= r.log.committed; i++) {
          committed.push({ sig: signature(r.log.entry(i) as Entry), commitTerm: r.term });
        }
      }
      for (const n of nodes) {
        if (n.raft.state !== "leader") continue;
        const term = n.raft.term;
        const isNew = !leaders.has(`${n.id}@${term}`);
        leaders.add(`${n.id}@${term}`);
        // A new leader must hold everything committed before its term; a sitting one, everything newly committed
        // in earlier terms (an old leader can still commit entries it had replicated before it was deposed).
        for (let i = isNew ? 1 : before + 1; i <= committed.length; i++) {
          if (committed[i - 1].commitTerm < term && lacks(n, i)) {
            report.add(`${n.id}, leader of term ${term}, lacks entry ${i}, committed in term ${committed[i - 1].commitTerm}`);
          }
        }
      }
      return report.take();
    },
  };
}

/** 5. State Machine Safety: no two members ever apply different entries at the same index. */
function stateMachineSafety(): Invariant {
  const appliedAt: { sig: string; node: string }[] = [];
  const checked = new Map<string, { raft: Raft; upTo: number }>();
  const report = new Reporter();
  return {
    name: "state-machine-safety",
    check(view: InvariantView): string[] {
      for (const n of etcdNodes(view)) {
        const r = n.raft;
        let c = checked.get(n.id);
        if (!c || c.raft !== r) {
          // A restarted member applies its log again from the start.
          c = { raft: r, upTo: 0 };
          checked.set(n.id, c);
        }
        for (let i = c.upTo + 1; i <= r.log.applied; i++) {
          const sig = signature(r.log.entry(i) as Entry);
          const known = appliedAt[i - 1];
          if (!known) appliedAt[i - 1] = { sig, node: n.id };
          else if (known.sig !== sig) report.add(`${known.node} and ${n.id} applied different entries at index ${i}`);
        }
        c.upTo = Math.max(c.upTo, r.log.applied);
      }
      return report.take();
    },
  };
}

/** A fresh set of the five checks, for one simulation. */
export function raftSafetyInvariants(): Invariant[] {
  return [electionSafety(), leaderAppendOnly(), logMatching(), leaderCompleteness(), stateMachineSafety()];
}
