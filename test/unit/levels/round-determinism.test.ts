// A round is a function of level, seed and inputs: the same seed gives the same report (but for wall time),
// however the caller slices time, and a different seed gives a different run.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseLevelText } from "../../../shared/levels/load";
import { playSteps } from "../../../shared/levels/play";
import { type ChaosMode, Round } from "../../../shared/levels/round";

const FILE = "levels/etcd/leader-election.json";
const level = parseLevelText(readFileSync(FILE, "utf8"), FILE);

function reportOf(seed: number, chaos: ChaosMode, slice?: number) {
  const round = new Round({ level, seed, chaos });
  if (slice === undefined) round.advanceTo(level.timeLimitMs);
  else for (let t = slice; round.outcome === "unfinished" && round.now < level.timeLimitMs; t += slice) round.advanceTo(t);
  const { wallTimeMs: _wall, ...rest } = round.report(123);
  return rest;
}

describe("determinism", () => {
  it("same seed, same report (random chaos included), except wall time", () => {
    expect(reportOf(11, "random")).toEqual(reportOf(11, "random"));
  });

  it("advancing in small uneven slices (as a room does) gives the same report as one call", () => {
    expect(reportOf(12, "level", 37)).toEqual(reportOf(12, "level"));
  });

  it("different seeds give different runs", () => {
    expect(reportOf(13, "none").traceHash).not.toBe(reportOf(14, "none").traceHash);
  });

  it("a round replays from level, seed and its recorded player inputs", () => {
    const played = playSteps({ level, seed: 15, chaos: "level" }, level.solution).round;
    const replay = new Round({ level, seed: 15, chaos: "level" });
    for (const change of played.seatChanges) {
      replay.advanceTo(change.t);
      replay.setHumans(change.humans);
    }
    for (const input of played.inputs.filter((i) => i.by === "player")) {
      replay.advanceTo(input.t);
      replay.act(input.role, input.action, input.node !== undefined ? { node: input.node } : {});
    }
    replay.advanceTo(level.timeLimitMs);
    expect(replay.report(0)).toEqual(played.report(0));
  });
});
