// A serializability checker for the bank: the committed MVCC history is the serial order (commits in timestamp
// order). It checks that every commit is one transfer (two accounts, one down by the amount, the other up by it),
// that the transfers committed are exactly those the clients were told happened plus some of those with unknown
// outcome (never a failed one), and that every balance read of all accounts equals the state after some prefix of
// the commits: it saw one consistent snapshot. Versions must not have been garbage collected.

import type { HistoryEntry } from "../../sim/history";
import { cmp, fmt, type Timestamp } from "./hlc";
import { accountOf } from "./keys";
import type { Replica } from "./replica";

interface Commit {
  ts: Timestamp;
  txn: string;
  changes: Map<number, { before: number; after: number }>;
}

type Versions = Map<number, { ts: Timestamp; value: number; txn?: string }[]>;

/** Every committed version per account (resolved, or an intent whose transaction committed), oldest first. */
export function committedVersions(ranges: Iterable<Replica>): Versions {
  const records = new Map<string, { status: string; ts: Timestamp; epoch: number }>();
  const list = [...ranges];
  for (const r of list) for (const rec of Object.values(r.records)) records.set(rec.id, rec);
  const out: Versions = new Map();
  for (const r of list) {
    for (const [key, s] of Object.entries(r.mvcc.data)) {
      const a = accountOf(key);
      if (a === undefined) continue;
      const vs = s.versions.map((v) => ({ ts: v.ts, value: v.value, txn: v.txn }));
      const rec = s.intent ? records.get(s.intent.txn.id) : undefined;
      if (s.intent && rec?.status === "COMMITTED" && rec.epoch === s.intent.txn.epoch) vs.push({ ts: rec.ts, value: s.intent.value, txn: s.intent.txn.id });
      out.set(a, vs.sort((x, y) => cmp(x.ts, y.ts)));
    }
  }
  return out;
}

export function checkBank(history: readonly HistoryEntry[], versions: Versions, accounts: number, initial: number): string[] {
  const problems: string[] = [];
  // Commits, one per writing transaction, in timestamp order (transactions with equal timestamps never conflict).
  const byTxn = new Map<string, Commit>();
  for (const [a, vs] of versions) {
    for (let i = 1; i < vs.length; i++) {
      const k = vs[i].txn ?? `?${fmt(vs[i].ts)}`;
      const c = byTxn.get(k) ?? { ts: vs[i].ts, txn: k, changes: new Map() };
      if (cmp(c.ts, vs[i].ts) !== 0) problems.push(`transaction ${k} committed at two timestamps`);
      c.changes.set(a, { before: vs[i - 1].value, after: vs[i].value });
      byTxn.set(k, c);
    }
  }
  const commits = [...byTxn.values()].sort((x, y) => cmp(x.ts, y.ts));
  const committed = new Map<string, number>();
  for (const c of commits) {
    const ch = [...c.changes];
    const down = ch.find(([, d]) => d.after < d.before);
    const up = ch.find(([, d]) => d.after > d.before);
    if (ch.length !== 2 || !down || !up || down[1].before - down[1].after !== up[1].after - up[1].before) {
      problems.push(`the commit at ${fmt(c.ts)} is not one transfer: ${JSON.stringify(ch)}`);
      continue;
    }
    const key = `${down[0]}>${up[0]}:${up[1].after - up[1].before}`;
    committed.set(key, (committed.get(key) ?? 0) + 1);
  }
  // Committed transfers against what the clients were told.
  const ok = new Map<string, number>();
  const maybe = new Map<string, number>();
  const invoked = new Map<number, HistoryEntry>();
  for (const e of history) {
    if (e.f !== "transfer") continue;
    if (e.type === "invoke") {
      invoked.set(e.process, e);
      continue;
    }
    const v = (invoked.get(e.process)?.value ?? e.value) as { from: number; to: number; amount: number };
    const key = `${v.from}>${v.to}:${v.amount}`;
    if (e.type === "ok") ok.set(key, (ok.get(key) ?? 0) + 1);
    else if (e.type === "info") maybe.set(key, (maybe.get(key) ?? 0) + 1);
  }
  for (const [key, n] of ok) if ((committed.get(key) ?? 0) < n) problems.push(`transfer ${key} was acknowledged ${n} times but committed ${committed.get(key) ?? 0} times`);
  for (const [key, n] of committed) if (n > (ok.get(key) ?? 0) + (maybe.get(key) ?? 0)) problems.push(`transfer ${key} committed ${n} times, more than were acknowledged or left unknown`);
  // Reads: each must be the state after some prefix of the commits.
  const states = new Set<string>();
  const state = Array.from({ length: accounts }, (_, a) => versions.get(a)?.[0]?.value ?? initial);
  states.add(state.join(","));
  commits.forEach((c, i) => {
    for (const [a, d] of c.changes) state[a] = d.after;
    // A read at a timestamp sees every commit at or below it: only states after all commits of one timestamp.
    if (i === commits.length - 1 || cmp(commits[i + 1].ts, c.ts) !== 0) states.add(state.join(","));
  });
  for (const e of history) {
    if (e.f !== "read" || e.type !== "ok") continue;
    const v = e.value as Record<string, number>;
    if (Object.keys(v).length !== accounts) continue;
    const seen = Array.from({ length: accounts }, (_, a) => v[String(a)]).join(",");
    if (!states.has(seen)) problems.push(`the read at ${e.time} ms saw balances ${seen}, which no serial order of the commits produces`);
  }
  return problems;
}
