// `npm run level -- check` end to end, as an author runs it: a table with one row per file, a proven level marked
// proven, an invalid one marked NO with its errors (file, path, what was expected) printed below, a level whose
// naive play wins marked NOT PROVEN with the seed, and exit code 1 whenever anything is not proven.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

function check(...args: string[]) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "server/tools/level.ts", "check", ...args], { encoding: "utf8" });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const dir = mkdtempSync(path.join(tmpdir(), "level-check-"));
const tutorial = JSON.parse(readFileSync("levels/etcd/first-steps.json", "utf8")) as Record<string, unknown>;

describe("npm run level -- check", () => {
  it("prints a proven level's row and exits 0", () => {
    const run = check("levels/etcd/first-steps.json", "--seeds", "2");
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^level\s+valid\s+solution wins\s+naive loses\s+result$/);
    expect(lines[2]).toMatch(/^levels\/etcd\/first-steps\.json\s+yes\s+2\/2\s+2\/2\s+proven \(\d+\.\d s\)$/);
    expect(run.stderr).toBe("");
  });

  it("marks an invalid file and a level whose naive play wins, explains both below the table, and exits 1", () => {
    const invalid = path.join(dir, "invalid.json");
    writeFileSync(invalid, JSON.stringify({ ...tutorial, difficulty: 9 }));
    const winnable = path.join(dir, "winnable.json");
    // Doing nothing is the solution: the naive play (the same nothing) wins too.
    writeFileSync(winnable, JSON.stringify({ ...tutorial, objectives: [{ id: "hold", type: "survive" }], solution: [{ at: 1000, role: "client", action: { type: "get", key: "k1" } }] }));
    const run = check(invalid, winnable, "--seeds", "1");
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`${invalid}\\s+NO\\s+-\\s+-\\s+1 problem, below`));
    expect(run.stdout).toMatch(new RegExp(`${winnable}\\s+yes\\s+1/1\\s+0/1\\s+NOT PROVEN, below`));
    expect(run.stderr).toContain(`${invalid}: difficulty: expected a number at most 5, got 9`);
    expect(run.stderr).toContain(`${winnable}: seed 1: the naive play did not lose (won:`);
  });
});
