// A round recorded by RoomRecord (what a room writes as it plays) replays from the stored journal to the very same
// round, steps and seat changes included; the exports carry what replays it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseLevelText } from "../../../shared/levels/load";
import { Round } from "../../../shared/levels/round";
import { replayFile, resultsCsv } from "../../../server/store/exports";
import { playReplay, ROOM_CHAOS } from "../../../server/store/journal";
import { replayJournal } from "../../../shared/levels/journal";
import { roundResult } from "../../../server/store/results";
import { RoomRecord } from "../../../server/store/room-record";
import { openStore } from "../../../server/store/store";

const FILE = "levels/etcd/leader-election.json";
const level = parseLevelText(readFileSync(FILE, "utf8"), FILE);
const SEED = 21;

/** Plays a round the way a room does (small uneven time slices, people acting, a paused host stepping). */
function playRecorded() {
  const store = openStore(":memory:");
  const record = RoomRecord.create(store, { code: "K7M2Q", level: level.id, seed: SEED });
  const round = new Round({ level, seed: SEED, chaos: ROOM_CHAOS });
  record.follow(round, false);
  const advance = (to: number) => {
    for (let t = round.now + 37; t < to; t += 37) {
      round.advanceTo(t);
      record.sync();
    }
    round.advanceTo(to);
    record.sync();
  };
  round.setHumans([{ role: "chaos" }, { role: "operator" }]);
  record.sync();
  advance(3000);
  round.act("chaos", { type: "crash", node: "n2" });
  round.act("operator", { type: "put", key: "k1", value: "hello" });
  record.sync();
  // The host pauses and steps: one event at a time, possibly stopping inside a millisecond.
  for (let i = 0; i < 25; i++) {
    const t = round.now;
    if (round.stepOne()) record.journal({ kind: "step", t });
  }
  round.act("chaos", { type: "cut", from: "n1", to: "n3" });
  record.sync();
  advance(9000);
  round.setHumans([{ role: "operator" }]); // the chaos agent left: the chaos bot plays from here
  record.sync();
  advance(15000);
  record.progress(round.now, { phase: "running", paused: true, speed: 1 });
  return { store, record, round };
}

describe("the journal", () => {
  it("replays a recorded round exactly: same report, same trace", () => {
    const { store, round } = playRecorded();
    const loaded = RoomRecord.load(store, "K7M2Q");
    expect(loaded?.game.round.simTime).toBe(15000);
    const journal = loaded?.game.journal ?? [];
    expect(journal.map((e) => e.kind)).toContain("step");
    expect(journal.filter((e) => e.kind === "act")).toHaveLength(3);
    const replay = new Round({ level, seed: SEED, chaos: ROOM_CHAOS });
    replayJournal(replay, journal, 15000);
    expect(replay.report(0)).toEqual(round.report(0));
  });

  it("continues a restored round where it was, journaling on after what was replayed", () => {
    const { store, round } = playRecorded();
    const loaded = RoomRecord.load(store, "K7M2Q");
    if (!loaded) throw new Error("the room was not stored");
    const restored = new Round({ level, seed: SEED, chaos: ROOM_CHAOS });
    replayJournal(restored, loaded.game.journal, loaded.game.round.simTime);
    loaded.record.follow(restored, true);
    for (const r of [round, restored]) {
      r.act("chaos", { type: "restart", node: "n2" });
      r.advanceTo(level.timeLimitMs);
    }
    loaded.record.sync();
    loaded.record.finish(roundResult(restored));
    expect(restored.report(0)).toEqual(round.report(0));
    // The exported replay of the whole round reproduces it, outcome and trace.
    const room = store.rooms.byCode("K7M2Q");
    if (!room) throw new Error("no room");
    const file = replayFile(store, room, 1);
    if (!file) throw new Error("no replay");
    expect(file).toMatchObject({ format: "split-brain-replay", level: level.id, seed: SEED, outcome: round.outcome, traceHash: round.sim.traceHash() });
    const again = playReplay(level, JSON.parse(JSON.stringify(file)));
    expect(again.outcome).toBe(round.outcome);
    expect(again.sim.traceHash()).toBe(round.sim.traceHash());
    expect(replayFile(store, room, 2)).toBeUndefined();
  });

  it("names the input that no longer replays", () => {
    const round = new Round({ level, seed: SEED, chaos: ROOM_CHAOS });
    expect(() => replayJournal(round, [{ kind: "act", t: 100, role: "chaos", action: { type: "crash", node: "n9" } }], 200)).toThrow(
      /input 0 \(act at 100 ms\) no longer replays/,
    );
  });
});

describe("results.csv", () => {
  it("has one row per round, and quotes text so a spreadsheet reads it as text", () => {
    const { store, record, round } = playRecorded();
    round.advanceTo(level.timeLimitMs);
    record.finish({ ...roundResult(round), outcomeText: "=HYPERLINK(\"x\"), then \"more\"" });
    record.nextRound();
    const room = store.rooms.byCode("K7M2Q");
    if (!room) throw new Error("no room");
    const lines = resultsCsv(store, room).trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "room,round,level,seed,started_at,ended_at,sim_time_s,outcome,outcome_text,goals_met,objectives,invariants_ok,violations,client_ok,client_fail,client_unknown,leader,term,summary,trace_hash",
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`K7M2Q,1,etcd/leader-election,${SEED},`);
    expect(lines[1]).toContain(`,${round.outcome},"'=HYPERLINK(""x""), then ""more""",`);
    expect(lines[1]).toContain(round.sim.traceHash());
    expect(lines[2]).toMatch(/^K7M2Q,2,etcd\/leader-election,21,[^,]+,,0,unfinished,/);
  });
});
