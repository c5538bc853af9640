// `npm run sim -- --replay <file>`: a host's exported replay plays back headless to the same round (same trace
// hash), and a file that was changed, does not fit its level or is not a replay says so with its own exit code.

import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { JournalEntry } from "../../../shared/levels/journal";
import type { RunReport } from "../../../shared/levels/report";
import { Round } from "../../../shared/levels/round";
import { growCluster } from "../../../shared/levels/class-cluster";
import { EXIT_BAD_INPUT, EXIT_DIVERGED, EXIT_OK, runSim } from "../../../server/tools/run-sim";
import { readLevelFile } from "../../../server/tools/level-file";
import type { ReplayFile } from "../../../server/store";

const LEVEL_FILE = "levels/etcd/leader-election.json";
/** A level a whole class may play as one cluster grown to a node each (cluster.classCluster), 7 nodes as authored. */
const GROWN_LEVEL_FILE = "levels/consul/service-discovery.json";
const dir = mkdtempSync(path.join(os.tmpdir(), "replay-cli-"));

/** A round as a room would journal it: an operator seated at 0, one accepted action at 8.5 s, exported at 20 s. */
function recordedRound(): ReplayFile {
  const level = readLevelFile(LEVEL_FILE);
  const round = new Round({ level, seed: 11, chaos: "level" });
  const inputs: JournalEntry[] = [{ kind: "seats", t: 0, humans: [{ role: "operator" }] }];
  round.setHumans([{ role: "operator" }]);
  round.advanceTo(8500);
  round.act("operator", { type: "add-member", node: "n6" });
  inputs.push({ kind: "act", t: 8500, role: "operator", action: { type: "add-member", node: "n6" } });
  round.advanceTo(20_000);
  const traceHash = round.report(0).traceHash;
  return { format: "split-brain-replay", version: 1, room: "ABCDEF", round: 1, level: level.id, seed: 11, chaos: "level", simTimeMs: 20_000, outcome: "unfinished", traceHash, inputs };
}

function write(name: string, content: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

function sim(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runSim(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("npm run sim -- --replay", () => {
  const recorded = recordedRound();

  it("plays the replay to the recorded round: same trace hash, exit 0, and says so in words", () => {
    const file = write("good.json", recorded);
    const json = sim("--replay", file, "--json");
    expect(json.code).toBe(EXIT_OK);
    const report = JSON.parse(json.out) as RunReport;
    expect(report.traceHash).toBe(recorded.traceHash);
    expect(report.simTimeMs).toBe(20_000);
    expect(report.seed).toBe(11);

    const words = sim("--replay", file);
    expect(words.code).toBe(EXIT_OK);
    expect(words.out).toContain("replay of room ABCDEF, round 1: level etcd/leader-election, seed 11, 2 inputs");
    expect(words.out).toContain("The replay reproduces the recorded round");
  });

  it("takes the level file given after the replay (a level that is not shipped)", () => {
    expect(sim("--replay", write("with-level.json", recorded), LEVEL_FILE, "--json").code).toBe(EXIT_OK);
    const wrong = sim("--replay", write("other-level.json", recorded), "levels/etcd/first-steps.json");
    expect(wrong.code).toBe(EXIT_BAD_INPUT);
    expect(wrong.err).toContain("the replay is of level etcd/leader-election");
  });

  it("exits 4 when the round no longer comes to the recorded trace hash", () => {
    // Edited by hand to run a second further than the round the room recorded.
    const changed = { ...recorded, simTimeMs: 21_000 };
    const result = sim("--replay", write("diverged.json", changed));
    expect(result.code).toBe(EXIT_DIVERGED);
    expect(result.err).toContain("REPLAY DIVERGED");
    expect(result.err).toContain(recorded.traceHash);
  });

  it("exits 4 naming the input when the level refuses one of its inputs", () => {
    const refused: ReplayFile = { ...recorded, inputs: [...recorded.inputs, { kind: "act", t: 9000, role: "operator", action: { type: "add-member", node: "n6" } }] };
    const result = sim("--replay", write("refused.json", refused));
    expect(result.code).toBe(EXIT_DIVERGED);
    expect(result.err).toMatch(/does not fit its level any more: input 2 \(act at 9000 ms\)/);
  });

  it("says there is nothing to compare when the round had not ended when exported", () => {
    const result = sim("--replay", write("open.json", { ...recorded, traceHash: "" }));
    expect(result.code).toBe(EXIT_OK);
    expect(result.out).toContain("no recorded trace hash to compare with");
  });

  it("refuses what is not a replay file with the reason, and options a replay fixes", () => {
    const notJson = sim("--replay", write("not.json", "{ nope"));
    expect(notJson.code).toBe(EXIT_BAD_INPUT);
    expect(notJson.err).toContain("not a JSON file");

    const badSeed = sim("--replay", write("bad-seed.json", { ...recorded, seed: "eleven" }));
    expect(badSeed.code).toBe(EXIT_BAD_INPUT);
    expect(badSeed.err).toMatch(/not a Split Brain replay file: seed:/);

    const badAction = sim("--replay", write("bad-action.json", { ...recorded, inputs: [{ kind: "act", t: 1, role: "operator", action: { type: "format-disk" } }] }));
    expect(badAction.code).toBe(EXIT_BAD_INPUT);
    expect(badAction.err).toMatch(/inputs\.0\.action/);

    expect(sim("--replay", path.join(dir, "missing.json")).err).toContain("no such file");
    const withSeed = sim("--replay", write("seeded.json", recorded), "--seed", "3");
    expect(withSeed.code).toBe(EXIT_BAD_INPUT);
    expect(withSeed.err).toContain("--seed: a replay file fixes the seed");
  });

  it("plays a whole-class round on its grown cluster: the file's node count, an input on n9, the same trace hash", () => {
    const level = readLevelFile(GROWN_LEVEL_FILE);
    const grown = growCluster(level, 12);
    const round = new Round({ level: grown, seed: 5, chaos: "level" });
    const inputs: JournalEntry[] = [{ kind: "seats", t: 0, humans: [{ role: "node", node: "n9" }] }];
    round.setHumans([{ role: "node", node: "n9" }]);
    round.advanceTo(4000);
    round.act("node", { type: "crash-self" }, { node: "n9" });
    inputs.push({ kind: "act", t: 4000, role: "node", node: "n9", action: { type: "crash-self" } });
    round.advanceTo(10_000);
    expect(round.sim.nodes.length).toBe(12);
    const traceHash = round.report(0).traceHash;
    const file: ReplayFile = { format: "split-brain-replay", version: 1, room: "GROWN", round: 1, level: level.id, seed: 5, nodes: 12, chaos: "level", simTimeMs: 10_000, outcome: "unfinished", traceHash, inputs };

    const played = sim("--replay", write("grown.json", file));
    expect(played.err).toBe("");
    expect(played.code).toBe(EXIT_OK);
    expect(played.out).toContain("seed 5, 12 nodes, 2 inputs");
    expect(played.out).toContain("The replay reproduces the recorded round");

    // Without the count the level's own 7 nodes have no n9: the file no longer fits (what the export used to be).
    const { nodes: _dropped, ...ungrown } = file;
    expect(sim("--replay", write("ungrown.json", ungrown)).code).toBe(EXIT_DIVERGED);
    // A count the level does not allow is refused before anything runs, with the level's limits.
    const tooMany = sim("--replay", write("too-many.json", { ...file, nodes: 31 }));
    expect(tooMany.code).toBe(EXIT_BAD_INPUT);
    expect(tooMany.err).toContain("grows from 7 to at most 30 nodes, not 31");
    expect(sim("--replay", write("ungrowable.json", { ...recorded, nodes: 9 })).err).toContain("keeps its");
  });

  it("works from the real command line", () => {
    const file = write("cli.json", recorded);
    const run = spawnSync(process.execPath, ["--import", "tsx", "server/tools/sim.ts", "--replay", file], { encoding: "utf8" });
    expect(run.status).toBe(EXIT_OK);
    expect(run.stdout).toContain("The replay reproduces the recorded round");
  });
});
