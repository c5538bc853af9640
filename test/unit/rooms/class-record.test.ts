// The class's record in the store (server/rooms/class/class-record.ts): what it writes is what a restarted server
// reads back; a damaged or foreign snapshot is refused with the reason; nothing is written once the store closes;
// an ended class is not brought back. And the rule for which dropped connections keep their seat.
import { describe, expect, it } from "vitest";
import { ClassRecord } from "../../../server/rooms/class/class-record";
import type { ClassSnapshot } from "../../../server/rooms/class/class-snapshot";
import { Poll } from "../../../server/rooms/class/poll";
import { holdsSeatOnDrop, RATE_LIMITED_CLOSE, UNREADABLE_CLOSE } from "../../../server/rooms/rate-limit";
import { hashToken, openStore } from "../../../server/store";

function snapshot(over: Partial<ClassSnapshot> = {}): ClassSnapshot {
  return {
    version: 1,
    seed: 7,
    mode: "groups",
    groupSize: 4,
    locked: false,
    allowChoice: false,
    spotlight: "",
    next: { student: 3, group: 2, poll: 2 },
    wholeNodes: 0,
    students: [
      { id: "s0", name: "Ms Rivera", host: true, team: "", teamChosen: false, group: "", role: "host", node: "", tokenHash: hashToken("teacher"), actions: 0 },
      { id: "s1", name: "Ada", host: false, team: "Red", teamChosen: true, group: "g1", role: "chaos", node: "", tokenHash: hashToken("ada"), actions: 4 },
      { id: "s2", name: "Bo", host: false, team: "operators", teamChosen: false, group: "g1", role: "node", node: "n2", tokenHash: hashToken("bo"), actions: 1 },
    ],
    groups: [{ id: "g1", gameCode: "K7M2Q" }],
    poll: { id: "p1", storedId: 1, question: "Who leads?", choices: ["n1", "n2"], open: true, revealed: false, votes: { s1: 1 } },
    ...over,
  };
}

const roster = [
  { name: "Ada", team: "Red", group: "g1" },
  { name: "Bo", team: "operators", group: "g1" },
];

describe("a class's record", () => {
  it("reads back the snapshot and roster it wrote, and lists the class as open until it ends", () => {
    const store = openStore(":memory:");
    const record = ClassRecord.create(store, { code: "ABCDE", level: "etcd/leader-election", title: "Ms Rivera's class", hostTokenHash: hashToken("teacher") });
    record.save("etcd/leader-election", snapshot(), roster);
    expect(ClassRecord.open(store).map((s) => s.code)).toEqual(["ABCDE"]);
    const loaded = ClassRecord.load(store, "ABCDE");
    if (typeof loaded === "string") throw new Error(loaded);
    expect(loaded.snapshot).toEqual(snapshot());
    expect(loaded.session).toMatchObject({ code: "ABCDE", level: "etcd/leader-election" });
    expect(store.classes.roster(loaded.session.id).map(({ name, team, group }) => ({ name, team, group }))).toEqual(roster);

    loaded.record.end();
    expect(ClassRecord.open(store)).toEqual([]);
    expect(ClassRecord.load(store, "ABCDE")).toBe("no open class ABCDE is stored");
  });

  it("refuses a snapshot that is not JSON, or not one this server writes, saying what is wrong", () => {
    const store = openStore(":memory:");
    const id = store.classes.create({ code: "BROKE", level: "etcd/leader-election" });
    expect(ClassRecord.load(store, "BROKE")).toBe("the class never wrote what brings it back");
    store.classes.saveSnapshot(id, "etcd/leader-election", "{not json");
    expect(ClassRecord.load(store, "BROKE")).toBe("its stored snapshot is not JSON");
    store.classes.saveSnapshot(id, "etcd/leader-election", JSON.stringify({ ...snapshot(), version: 2 }));
    expect(ClassRecord.load(store, "BROKE")).toMatch(/does not fit this server: version/);
    store.classes.saveSnapshot(id, "etcd/leader-election", JSON.stringify(snapshot({ students: [{ ...snapshot().students[1], tokenHash: "plain-token" }] })));
    expect(ClassRecord.load(store, "BROKE")).toMatch(/students\.0\.tokenHash/);
  });

  it("writes nothing once the store is closed (a stopping server), so the class comes back as last written", () => {
    const store = openStore(":memory:");
    const record = ClassRecord.create(store, { code: "ABCDE", level: "etcd/leader-election", title: "", hostTokenHash: hashToken("teacher") });
    store.close();
    expect(() => record.save("etcd/leader-election", snapshot(), roster)).not.toThrow();
    expect(() => record.end()).not.toThrow();
    expect(record.pollOpened("Who leads?", ["n1", "n2"])).toBe(0);
  });

  it("keeps every vote of a question and its close; the scores table sums the points of ended rounds", () => {
    const store = openStore(":memory:");
    const record = ClassRecord.create(store, { code: "ABCDE", level: "etcd/leader-election", title: "", hostTokenHash: hashToken("teacher") });
    const poll = record.pollOpened("Who leads?", ["n1", "n2", "nobody"]);
    record.voted(poll, "Ada", 2);
    record.voted(poll, "Bo", 0);
    record.voted(poll, "Ada", 1); // changed her mind while it was open
    record.pollClosed(poll);
    expect(store.classes.polls(record.sessionId)[0]).toMatchObject({ tally: [1, 1, 0] });
    record.scored([
      { name: "Ada", points: 60, reason: "g1 won etcd/leader-election" },
      { name: "Bo", points: 40, reason: "g1 won etcd/leader-election" },
    ]);
    record.scored([{ name: "Ada", points: 20, reason: "g1 lost etcd/leader-election" }]);
    expect(store.classes.scores(record.sessionId)).toEqual([
      { name: "Ada", points: 80 },
      { name: "Bo", points: 40 },
    ]);
  });
});

describe("a question brought back from a snapshot", () => {
  it("has the votes, state and tallies it had", () => {
    const poll = Poll.restore({ id: "p2", question: "Will the read see the write?", choices: ["yes", "no"], open: false, revealed: true, votes: { s1: 0, s2: 1, s3: 1 } });
    expect(poll.votesByStudent()).toEqual({ s1: 0, s2: 1, s3: 1 });
    expect(poll.tallies()).toEqual([1, 2]);
    expect(poll.vote("s4", "p2", 0)).toBe("Voting on this question is closed.");
  });
});

describe("which dropped connections keep their seat", () => {
  it("holds a lost network's seat, not a flooder's, an unreadable sender's, an oversized sender's or a stopping server's", () => {
    expect(holdsSeatOnDrop(1006)).toBe(true); // abnormal closure: Wi-Fi gone
    expect(holdsSeatOnDrop(1001)).toBe(true); // going away: the tab closed or the laptop slept
    expect(holdsSeatOnDrop(RATE_LIMITED_CLOSE)).toBe(false);
    expect(holdsSeatOnDrop(UNREADABLE_CLOSE)).toBe(false);
    expect(holdsSeatOnDrop(1009)).toBe(false); // message too big
    expect(holdsSeatOnDrop(4001)).toBe(false); // the server is shutting down
  });
});
