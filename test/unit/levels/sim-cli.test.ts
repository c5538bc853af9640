// `npm run sim` end to end: the JSON report of GUIDE §4 on stdout, a readable summary without --json, clear
// errors with exit code 1 for bad input, and exit code 2 (with the command that reproduces it) when an invariant
// breaks. The history the runner prints must satisfy the independent linearizability checker.

import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { checkHistory } from "../../../shared/checkers";
import type { RunReport } from "../../../shared/levels/report";
import type { SystemDefinition } from "../../../shared/sim/types";
import { etcd } from "../../../shared/systems/etcd";
import { EXIT_BAD_INPUT, EXIT_INVARIANT, EXIT_OK, runSim } from "../../../server/tools/run-sim";

const LEVEL = "levels/etcd/leader-election.json";

function sim(...args: string[]) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "server/tools/sim.ts", ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function inProcess(args: string[], findSystem?: (name: string) => SystemDefinition | undefined) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runSim(args, { out: (t) => out.push(t), err: (t) => err.push(t), findSystem });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("npm run sim -- <level> --json", () => {
  const first = sim(LEVEL, "--seed", "7", "--json");
  const report = JSON.parse(first.stdout) as RunReport;

  it("exits 0 and prints one JSON object with the report's fields", () => {
    expect(first.code).toBe(EXIT_OK);
    expect(first.stdout.trim().split("\n")).toHaveLength(1);
    expect(report).toMatchObject({ level: "etcd/leader-election", system: "etcd", seed: 7, chaos: "level" });
    for (const field of ["simTimeMs", "wallTimeMs", "events"] as const) expect(Number.isInteger(report[field])).toBe(true);
    expect(["won", "lost", "unfinished"]).toContain(report.outcome);
    expect(report.objectives.map((o) => o.id)).toEqual(["new-leader", "writes", "hold", "no-leader", "safety"]);
    expect(report.traceHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("reports invariants, and a timeline with the crash and every leader with its node and term", () => {
    expect(report.invariants.length).toBeGreaterThan(0);
    for (const inv of report.invariants) expect(inv).toMatchObject({ ok: true, violations: 0 });
    expect(report.timeline).toContainEqual(expect.objectContaining({ t: 5000, kind: "crash" }));
    const leaders = report.timeline.filter((e) => e.kind === "leader");
    expect(leaders.length).toBeGreaterThan(1);
    for (const l of leaders) {
      expect(typeof l.node).toBe("string");
      expect(Number.isInteger(l.term)).toBe(true);
    }
  });

  it("prints a Jepsen history that the linearizability checker accepts", () => {
    expect(report.history.length).toBeGreaterThan(100);
    const result = checkHistory(report.history);
    expect(result.status).toBe("ok");
  });

  it("prints the same report for the same seed and flags, except wall time", () => {
    const again = JSON.parse(sim(LEVEL, "--seed", "7", "--json").stdout) as RunReport;
    expect({ ...again, wallTimeMs: 0 }).toEqual({ ...report, wallTimeMs: 0 });
  });
});

describe("npm run sim -- <level> (readable)", () => {
  it("prints the seed, the outcome, objectives, invariants, timeline, trace hash and speed", () => {
    const run = sim(LEVEL, "--seed", "3", "--chaos", "none", "--duration", "20s", "--set", "cluster.config.electionMs=1500");
    expect(run.code).toBe(EXIT_OK);
    expect(run.stdout).toMatch(/^seed 3 \(reproduce: npm run sim -- levels\/etcd\/leader-election\.json --seed 3 --chaos none --duration 20000ms --set cluster\.config\.electionMs=1500\)/);
    expect(run.stdout).toContain("outcome: UNFINISHED at 20.000 s");
    expect(run.stdout).toContain("[x] new-leader");
    expect(run.stdout).toMatch(/ok {3}election-safety/i);
    expect(run.stdout).toMatch(/crash\s+n\d crashed/);
    expect(run.stdout).toMatch(/traceHash: [0-9a-f]{64}/);
    expect(run.stdout).toMatch(/simulated 20\.000 s in .* of wall time/);
  });
});

describe("bad input", () => {
  it("an unknown chaos mode, a missing file, a bad --set path and a bad duration exit 1 with the reason", () => {
    const wild = inProcess([LEVEL, "--chaos", "wild"]);
    expect(wild.code).toBe(EXIT_BAD_INPUT);
    expect(wild.err).toContain('sim: --chaos: expected one of none, level, random, got "wild"');

    const missing = inProcess(["levels/etcd/nope.json"]);
    expect(missing.code).toBe(EXIT_BAD_INPUT);
    expect(missing.err).toBe("sim: levels/etcd/nope.json: no such file");

    const badSet = inProcess([LEVEL, "--set", "network.latencyMS=5"]);
    expect(badSet.code).toBe(EXIT_BAD_INPUT);
    expect(badSet.err).toContain("--set network.latencyMS: the level has no network.latencyMS");
    const badSetting = inProcess([LEVEL, "--set", "cluster.electionMS=1500"]);
    expect(badSetting.code).toBe(EXIT_BAD_INPUT);
    expect(badSetting.err).toContain('etcd has no setting "electionMS"');

    const duration = inProcess([LEVEL, "--duration", "soon"]);
    expect(duration.code).toBe(EXIT_BAD_INPUT);
    expect(duration.err).toContain('--duration: expected a duration such as 120s, 500ms or 2m, got "soon"');
  });

  it("an invariant violation exits 2 and says how to reproduce it", () => {
    const broken = {
      ...etcd,
      invariants: () => [...etcd.invariants(), { name: "test-tripwire", check: (v: { now: number }) => (v.now >= 2000 ? ["tripped on purpose"] : []) }],
    };
    const run = inProcess([LEVEL, "--seed", "4", "--chaos", "none", "--json"], (name) => (name === "etcd" ? broken : undefined));
    expect(run.code).toBe(EXIT_INVARIANT);
    const report = JSON.parse(run.out) as RunReport;
    expect(report.invariants.find((i) => i.name === "test-tripwire")).toMatchObject({ ok: false });
    expect(report.outcome).toBe("lost");
    expect(run.err).toContain("INVARIANT VIOLATED: test-tripwire (tripped on purpose)");
    expect(run.err).toContain("npm run sim -- levels/etcd/leader-election.json --seed 4 --chaos none");
  });
});
