// The debrief of a real round, replayed from its journal as a browser does it: faithful to the recorded round,
// deterministic, and telling the story of etcd's leader election in plain words.

import { describe, expect, it } from "vitest";
import { buildDebrief } from "../../../shared/debrief";
import { loadLevel, played } from "./replay-of";

const LEVEL = "etcd/leader-election";
const level = loadLevel(LEVEL);
const solution = played(LEVEL, 7, level.solution);
const naive = played(LEVEL, 7, level.naive);

describe("debrief of etcd/leader-election", () => {
  const won = buildDebrief(solution);
  const lost = buildDebrief(naive);

  it("replays the recorded round exactly (same trace hash) and ends as it ended", () => {
    expect(won.faithful).toBe(true);
    expect(won.outcome).toBe("won");
    expect(lost.faithful).toBe(true);
    expect(lost.outcome).toBe("lost");
    expect(lost.endMs).toBe(naive.simTimeMs);
  });

  it("is deterministic: the same replay gives the same debrief", () => {
    expect(buildDebrief(naive)).toEqual(lost);
  });

  it("names the script's crash of the leader, the gap without one and the new leader", () => {
    const first = won.moments[0];
    expect(first.t).toBe(5000);
    expect(first.text).toMatch(/^At 5\.0 s the level's script crashed n\d, the leader\. No leader for \d\.\d s until n\d won term 3\./);
    expect(won.moments.at(-1)?.text).toMatch(/^The round was won at 60\.0 s: get a new leader elected/);
  });

  it("explains the loss: the majority gone, requests failing to the end, and the losing condition", () => {
    const texts = lost.moments.map((m) => m.text);
    expect(texts.some((t) => /left \d of 7 members up: no majority/.test(t))).toBe(true);
    expect(texts.some((t) => /kept failing to the end/.test(t))).toBe(true);
    expect(texts.some((t) => /the operator did "add-member n6"/.test(t))).toBe(true);
    expect(texts.at(-1)).toMatch(/^The round was lost at 27\.0 s, 3\.0 s after the fault at 24\.0 s: no leader for 8 s in a row/);
    expect(lost.moments.length).toBeLessThanOrEqual(8);
  });

  it("charts availability, latency, the leaders and the faults", () => {
    const { buckets, leaders, marks, bucketMs } = lost.series;
    expect(bucketMs).toBe(500);
    expect(buckets[0].from).toBe(0);
    expect(buckets.at(-1)?.to).toBe(lost.endMs);
    // Healthy before the first crash, nothing succeeds once the majority is gone.
    const early = buckets.find((b) => b.from === 3000);
    expect(early?.availability).toBeGreaterThan(0.8);
    expect(early?.p50).toBeGreaterThan(0);
    expect(early?.p99).toBeGreaterThanOrEqual(early?.p50 ?? 0);
    expect(buckets.filter((b) => b.from >= 25_000).every((b) => b.availability === 0 && b.p50 === null)).toBe(true);
    expect(leaders.map((s) => [s.from, s.leader === null ? null : s.term])).toContainEqual([5000, null]);
    expect(leaders.at(-1)?.leader).toBeNull();
    expect(marks.filter((m) => m.kind === "fault").map((m) => m.t)).toEqual([5000, 9000, 14000, 19000, 24000]);
    expect(marks.find((m) => m.kind === "goal")?.label).toBe("new-leader");
    expect(marks.filter((m) => m.kind === "membership").map((m) => m.label)).toContain("added n6");
  });

  it("lists each player's actions, and the bots' and the script's, with the time they took effect", () => {
    const people = lost.actions.filter((a) => a.by === "player");
    const journal = naive.inputs.flatMap((e) => (e.kind === "act" ? [[e.t, "the operator", `add-member ${(e.action as { node: string }).node}`]] : []));
    expect(journal.length).toBeGreaterThan(1);
    expect(people.map((a) => [a.t, a.who, a.what])).toEqual(journal);
    expect(lost.actions[0]).toMatchObject({ t: 5000, who: "the level's script", what: expect.stringMatching(/^crash n\d$/) });
    expect(lost.actions.some((a) => a.who === "the chaos bot")).toBe(true);
  });

  it("samples the cluster for the scrubber: the crashed leader is down right after the crash", () => {
    const before = lost.samples.find((s) => s.t === 4900);
    const after = lost.samples.find((s) => s.t === 5100);
    const crashed = before?.leader ?? "";
    expect(crashed).toMatch(/^n\d$/);
    expect(after?.nodes.find((n) => n.id === crashed)?.up).toBe(false);
    expect(after?.leader).toBeNull();
    expect(before?.nodes.find((n) => n.id === crashed)).toMatchObject({ role: "leader", term: 2 });
    expect(lost.samples.at(-1)?.t).toBe(lost.endMs);
  });
});
