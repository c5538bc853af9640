// The five safety properties of Raft (paper, Figure 3), checked after every kernel event. The checks are
// incremental: one pass per event looks only at the members whose state moved (member-changes.ts) and feeds all
// five, each of which remembers what it has already verified. Each distinct violation is reported once, in plain
// words, by the invariant it breaks.

import type { Invariant, InvariantView } from "../../sim/types";
import { MemberChanges } from "./member-changes";
import { EtcdNode } from "./node";
import type { Entry, Raft } from "../../raft";

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

/** What a check that found nothing returns (after almost every event): one list, never written to. */
const NO_VIOLATIONS: string[] = Object.freeze([]) as unknown as string[];

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
    if (this.found.length === 0) return NO_VIOLATIONS;
    const out = this.found;
    this.found = [];
    return out;
  }
}

/** One safety property, fed the members that changed (in the kernel's order) after each event. */
interface Property {
  readonly name: string;
  readonly report: Reporter;
  observe(changed: readonly EtcdNode[], view: InvariantView): void;
}

/** 1. Election Safety: at most one leader can be elected in a given term. */
class ElectionSafety implements Property {
  readonly name = "election-safety";
  readonly report = new Reporter();
  private readonly leaderOfTerm = new Map<number, string>();

  observe(changed: readonly EtcdNode[], view: InvariantView): void {
    for (const n of changed) {
      if (n.raft.state !== "leader" || !view.isUp(n.id)) continue;
      const term = n.raft.term;
      const known = this.leaderOfTerm.get(term);
      if (known === undefined) this.leaderOfTerm.set(term, n.id);
      else if (known !== n.id) this.report.add(`${known} and ${n.id} were both elected leader in term ${term}`);
    }
  }
}

/** 2. Leader Append-Only: while it leads, a leader never overwrites or deletes entries in its log. */
class LeaderAppendOnly implements Property {
  readonly name = "leader-append-only";
  readonly report = new Reporter();
  private readonly watched = new Map<string, { raft: Raft; term: number; lastIndex: number; last: Entry | undefined }>();

  observe(changed: readonly EtcdNode[]): void {
    for (const n of changed) {
      const r = n.raft;
      if (r.state !== "leader") {
        this.watched.delete(n.id);
        continue;
      }
      const w = this.watched.get(n.id);
      if (w && w.raft === r && w.term === r.term) {
        // Logs change only at their tail, so if the entry at the old last index is still the same object, every
        // entry before it is too.
        if (r.log.lastIndex() < w.lastIndex || r.log.entry(w.lastIndex) !== w.last) {
          this.report.add(`${n.id}, leader of term ${r.term}, overwrote or deleted entries at or before index ${w.lastIndex}`);
        }
      }
      this.watched.set(n.id, { raft: r, term: r.term, lastIndex: r.log.lastIndex(), last: r.log.entry(r.log.lastIndex()) });
    }
  }
}

/**
 * 3. Log Matching: if two logs hold an entry with the same index and term, they are identical up to it.
 * Checked locally: every (index, term) must always denote the same entry with the same previous term; by
 * induction on the index, that is exactly the property (and it also holds across time, as Raft guarantees).
 */
class LogMatching implements Property {
  readonly name = "log-matching";
  readonly report = new Reporter();
  /** Per index, per term: the entry first seen there. */
  private readonly byIndex: Map<number, { sig: string; prevTerm: number; node: string }>[] = [];
  private readonly seen = new Map<string, { raft: Raft; entries: Entry[] }>();

  observe(changed: readonly EtcdNode[]): void {
    for (const n of changed) {
      const r = n.raft;
      let s = this.seen.get(n.id);
      if (!s || s.raft !== r) {
        s = { raft: r, entries: [] };
        this.seen.set(n.id, s);
      }
      const last = r.log.lastIndex();
      if (s.entries.length === last && (last === 0 || r.log.entry(last) === s.entries[last - 1])) continue;
      // Find where the log changed: below that point, entries are the very objects already checked.
      let i = Math.min(s.entries.length, last);
      while (i > 0 && r.log.entry(i) !== s.entries[i - 1]) i--;
      s.entries.length = i;
      for (let j = i + 1; j <= last; j++) {
        const e = r.log.entry(j) as Entry;
        let terms = this.byIndex[j];
        if (terms === undefined) {
          terms = new Map();
          this.byIndex[j] = terms;
        }
        const sig = signature(e);
        const prevTerm = r.log.term(j - 1) ?? 0;
        const known = terms.get(e.term);
        if (!known) terms.set(e.term, { sig, prevTerm, node: n.id });
        else if (known.sig !== sig || known.prevTerm !== prevTerm) {
          this.report.add(`${known.node} and ${n.id} hold different entries at index ${j} with the same term ${e.term}`);
        }
        s.entries.push(e);
      }
    }
  }
}

/**
 * 4. Leader Completeness: an entry committed in some term is in the log of every leader of a later term.
 * An entry's commit term is the term of the node that first shows it committed: commit indexes advance first at
 * the leader that decides them, and invariants run after every event.
 */
class LeaderCompleteness implements Property {
  readonly name = "leader-completeness";
  readonly report = new Reporter();
  private readonly committed: { sig: string; commitTerm: number }[] = [];
  /** Leaders already checked in full, as "id@term". */
  private readonly leaders = new Set<string>();

  observe(changed: readonly EtcdNode[], view: InvariantView): void {
    const committed = this.committed;
    const before = committed.length;
    // Only a member that moved can show a higher commit index than the ones already recorded.
    for (const n of changed) {
      if (!view.isUp(n.id)) continue;
      const r = n.raft;
      for (let i = committed.length + 1; i <= r.log.committed; i++) {
        committed.push({ sig: signature(r.log.entry(i) as Entry), commitTerm: r.term });
      }
    }
    if (committed.length > before) {
      // Newly committed entries concern every sitting leader, moved or not.
      for (const id of view.nodes) {
        const n = view.node(id);
        if (n instanceof EtcdNode && view.isUp(id)) this.checkLeader(n, before);
      }
    } else {
      // Nothing new was committed: only a leader new in its term has something to show.
      for (const n of changed) if (view.isUp(n.id)) this.checkLeader(n, before);
    }
  }

  /** A new leader must hold everything committed before its term; a sitting one, what was committed since `before`. */
  private checkLeader(n: EtcdNode, before: number): void {
    if (n.raft.state !== "leader") return;
    const term = n.raft.term;
    const key = `${n.id}@${term}`;
    const isNew = !this.leaders.has(key);
    if (isNew) this.leaders.add(key);
    // A sitting leader still checks entries newly committed in earlier terms: an old leader can commit entries it
    // had replicated before it was deposed.
    for (let i = isNew ? 1 : before + 1; i <= this.committed.length; i++) {
      const c = this.committed[i - 1];
      if (c.commitTerm >= term) continue;
      const e = n.raft.log.entry(i);
      if (!e || signature(e) !== c.sig) {
        this.report.add(`${n.id}, leader of term ${term}, lacks entry ${i}, committed in term ${c.commitTerm}`);
      }
    }
  }
}

/** 5. State Machine Safety: no two members ever apply different entries at the same index. */
class StateMachineSafety implements Property {
  readonly name = "state-machine-safety";
  readonly report = new Reporter();
  private readonly appliedAt: { sig: string; node: string }[] = [];
  private readonly checked = new Map<string, { raft: Raft; upTo: number }>();

  observe(changed: readonly EtcdNode[]): void {
    for (const n of changed) {
      const r = n.raft;
      let c = this.checked.get(n.id);
      if (!c || c.raft !== r) {
        // A restarted member applies its log again from the start.
        c = { raft: r, upTo: 0 };
        this.checked.set(n.id, c);
      }
      for (let i = c.upTo + 1; i <= r.log.applied; i++) {
        const sig = signature(r.log.entry(i) as Entry);
        const known = this.appliedAt[i - 1];
        if (!known) this.appliedAt[i - 1] = { sig, node: n.id };
        else if (known.sig !== sig) this.report.add(`${known.node} and ${n.id} applied different entries at index ${i}`);
      }
      c.upTo = Math.max(c.upTo, r.log.applied);
    }
  }
}

/**
 * A fresh set of the five checks, for one simulation. They share one look at the cluster: whichever is checked
 * first after an event collects the members that moved and feeds every property; the others then find nothing
 * new to collect and hand out what their property found. Any one of them may also be checked on its own.
 */
export function raftSafetyInvariants(): Invariant[] {
  const changes = new MemberChanges();
  const properties: Property[] = [new ElectionSafety(), new LeaderAppendOnly(), new LogMatching(), new LeaderCompleteness(), new StateMachineSafety()];
  const look = (view: InvariantView): void => {
    const changed = changes.collect(view);
    if (changed.length === 0) return;
    for (const p of properties) p.observe(changed, view);
  };
  return properties.map((p) => ({
    name: p.name,
    check(view: InvariantView): string[] {
      look(view);
      return p.report.take();
    },
  }));
}
