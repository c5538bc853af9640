// The store's operations: rooms, seats, rounds and their inputs, class sessions.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { JournalEntry } from "../../../shared/levels/journal";
import { recoverRooms } from "../../../server/store/recover";
import { hashToken } from "../../../server/store/rejoin";
import type { RoundResult } from "../../../server/store/results";
import { openStore, type Store } from "../../../server/store/store";

let store: Store;
beforeEach(() => {
  store = openStore(":memory:");
});

const RESULT: RoundResult = {
  level: "etcd/leader-election",
  seed: 7,
  outcome: "won",
  outcomeText: "A leader held on.",
  simTimeMs: 60000,
  events: 1234,
  objectives: [{ id: "new-leader", kind: "goal", met: true, atMs: 6120 }],
  invariants: [{ name: "election-safety", ok: true, violations: 0 }],
  summary: { leader: "n3", term: 4 },
  clientOps: { ok: 10, fail: 1, info: 2 },
  traceHash: "abc",
};

describe("rooms", () => {
  it("records a room, its progress, its rounds, and its end", () => {
    const id = store.rooms.create({ code: "K7M2Q", level: "etcd/leader-election", seed: 7 });
    expect(store.rooms.open().map((r) => r.code)).toEqual(["K7M2Q"]);
    store.rooms.setProgress(id, { phase: "running", paused: true, speed: 2 });
    expect(store.rooms.byCode("K7M2Q")).toMatchObject({ phase: "running", paused: true, speed: 2, round: 1 });
    store.rooms.setRound(id, 2);
    expect(store.rooms.byCode("K7M2Q")).toMatchObject({ phase: "lobby", paused: false, round: 2 });
    store.rooms.end(id);
    expect(store.rooms.open()).toEqual([]);
    expect(store.rooms.byCode("K7M2Q")?.endedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("never takes a join code twice, even after the room ended", () => {
    const id = store.rooms.create({ code: "K7M2Q", level: "etcd/leader-election", seed: 7 });
    store.rooms.end(id);
    expect(() => store.rooms.create({ code: "K7M2Q", level: "cassandra/quorum", seed: 1 })).toThrow(/UNIQUE/);
  });

  it("brings back only this process's rooms when several share the database", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "split-brain-db-")), "shared.db");
    const a = openStore(file, "game1.example.org");
    const b = openStore(file, "game2.example.org");
    a.rooms.create({ code: "AAAAA", level: "etcd/leader-election", seed: 1 });
    b.rooms.create({ code: "BBBBB", level: "etcd/leader-election", seed: 2 });
    expect(a.rooms.open().map((r) => r.code)).toEqual(["AAAAA"]);
    expect(b.rooms.open().map((r) => r.code)).toEqual(["BBBBB"]);
    expect(a.rooms.byCode("BBBBB")?.seed).toBe(2); // exports and codes still see every room
    a.close();
    b.close();
  });
});

describe("recovery", () => {
  it("closes a class's group instead of bringing it back without its class", async () => {
    const id = store.rooms.create({ code: "GRP01", level: "etcd/leader-election", seed: 3, classCode: "CLASS" });
    expect(store.rooms.byCode("GRP01")?.classCode).toBe("CLASS");
    expect(await recoverRooms(store)).toEqual([{ code: "GRP01", error: "a group of class CLASS: it comes back only with its class" }]);
    expect(store.rooms.open()).toEqual([]);
    expect(store.rooms.byCode("GRP01")?.id).toBe(id); // still there for its exports
  });
});

describe("seats", () => {
  it("keeps the held seats, remembers who hosted, and frees a seat on leave", () => {
    const id = store.rooms.create({ code: "K7M2Q", level: "etcd/leader-election", seed: 7 });
    store.seats.save(id, { name: "Ada", role: "host", node: "", host: true, tokenHash: hashToken("ada-token-0123456789") });
    store.seats.save(id, { name: "Bob", role: "node", node: "n2", host: false, tokenHash: hashToken("bob-token-0123456789") });
    store.seats.save(id, { name: "Ada", role: "chaos", node: "", host: true, tokenHash: null }); // a role change keeps the token
    expect(store.seats.held(id)).toEqual([
      { name: "Ada", role: "chaos", node: "", host: true, tokenHash: hashToken("ada-token-0123456789") },
      { name: "Bob", role: "node", node: "n2", host: false, tokenHash: hashToken("bob-token-0123456789") },
    ]);
    store.seats.leave(id, "Ada");
    expect(store.seats.held(id).map((s) => s.name)).toEqual(["Bob"]);
    // Ada hosted once: her token still opens the exports; Bob's never did.
    expect(store.seats.hostedBy(id, hashToken("ada-token-0123456789"))).toBe(true);
    expect(store.seats.hostedBy(id, hashToken("bob-token-0123456789"))).toBe(false);
  });
});

describe("rounds and inputs", () => {
  it("appends inputs in order, tracks progress, and keeps the result", () => {
    const id = store.rooms.create({ code: "K7M2Q", level: "etcd/leader-election", seed: 7 });
    store.rounds.start(id, 1);
    const entries: JournalEntry[] = [
      { kind: "seats", t: 0, humans: [{ role: "chaos" }] },
      { kind: "act", t: 5200, role: "chaos", action: { type: "crash", node: "n1" } },
      { kind: "step", t: 5300 },
    ];
    entries.forEach((e, seq) => store.inputs.append(id, 1, seq, e));
    expect(() => store.inputs.append(id, 1, 2, entries[2])).toThrow(); // a sequence number is used once
    expect(store.inputs.list(id, 1).map((i) => i.entry)).toEqual(entries);
    store.rounds.reached(id, 1, 8000);
    store.rounds.reached(id, 1, 7000); // never backwards
    expect(store.rounds.get(id, 1)).toMatchObject({ simTime: 8000, outcome: "unfinished", result: null });
    store.rounds.finish(id, 1, RESULT);
    expect(store.rounds.list(id)).toEqual([expect.objectContaining({ n: 1, simTime: 60000, outcome: "won", outcomeText: "A leader held on.", result: RESULT })]);
  });

  it("refuses inputs for a round that does not exist", () => {
    const id = store.rooms.create({ code: "K7M2Q", level: "etcd/leader-election", seed: 7 });
    expect(() => store.inputs.append(id, 3, 0, { kind: "step", t: 0 })).toThrow(/FOREIGN KEY/);
  });
});

describe("class sessions", () => {
  it("keeps a roster with teams and groups", () => {
    const s = store.classes.create({ code: "CLASS", title: "Distributed systems, week 3" });
    store.classes.addToRoster(s, { name: "Ada", team: "red", group: "g1" });
    store.classes.addToRoster(s, { name: "Bob" });
    store.classes.addToRoster(s, { name: "Ada", team: "blue", group: "g2" }); // moved
    expect(store.classes.roster(s)).toEqual([
      expect.objectContaining({ name: "Ada", team: "blue", group: "g2" }),
      expect.objectContaining({ name: "Bob", team: "", group: "" }),
    ]);
    expect(store.classes.byCode("CLASS")).toMatchObject({ id: s, title: "Distributed systems, week 3", endedAt: null });
    store.classes.end(s);
    expect(store.classes.get(s)?.endedAt).not.toBeNull();
  });

  it("runs a prediction: votes (changeable until it closes), tally, then the revealed answer", () => {
    const s = store.classes.create({ code: "CLASS" });
    const poll = store.classes.createPoll(s, { question: "Does the write survive the failover?", choices: ["yes", "no"] });
    store.classes.vote(poll, "Ada", 0);
    store.classes.vote(poll, "Bob", 0);
    store.classes.vote(poll, "Bob", 1);
    expect(() => store.classes.vote(poll, "Cy", 2)).toThrow(/from 0 to 1/);
    store.classes.closePoll(poll, 1);
    expect(() => store.classes.vote(poll, "Cy", 0)).toThrow(/closed/);
    const [p] = store.classes.polls(s);
    expect(p).toMatchObject({ question: "Does the write survive the failover?", choices: ["yes", "no"], answer: 1, tally: [1, 1] });
    expect(p.votes).toEqual([
      { voter: "Ada", choice: 0 },
      { voter: "Bob", choice: 1 },
    ]);
    expect(() => store.classes.createPoll(s, { question: "?", choices: ["only one"] })).toThrow(/two choices/);
  });

  it("adds up scores per student, highest first", () => {
    const s = store.classes.create({ code: "CLASS" });
    store.classes.addScore(s, { name: "Ada", points: 2, reason: "right prediction" });
    store.classes.addScore(s, { name: "Bob", points: 1 });
    store.classes.addScore(s, { name: "Bob", points: 3, reason: "won the round" });
    expect(store.classes.scores(s)).toEqual([
      { name: "Bob", points: 4 },
      { name: "Ada", points: 2 },
    ]);
    expect(() => store.classes.addScore(s, { name: "Ada", points: 1.5 })).toThrow(/whole numbers/);
  });
});
