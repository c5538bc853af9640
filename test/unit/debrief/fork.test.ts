// "What if": forking a replayed round at a moment with a different input, and running it to its end.

import { describe, expect, it } from "vitest";
import { buildDebrief, forkChoices, sampleAt } from "../../../shared/debrief";
import { loadLevel, played } from "./replay-of";

const firstSteps = loadLevel("etcd/first-steps");
// The chaos agent crashes the leader and never restarts it: the second goal is never met.
const crashOnly = played("etcd/first-steps", 7, [firstSteps.solution[0]]);

describe("forking a round", () => {
  const recorded = buildDebrief(crashOnly);

  it("offers what can be changed at that moment", () => {
    const at = sampleAt(recorded.samples, 6000);
    const down = at.nodes.filter((n) => !n.up).map((n) => n.id);
    expect(down).toHaveLength(1);
    const labels = forkChoices(at).map((c) => c.label);
    expect(labels[0]).toBe(`Restart ${down[0]}`);
    expect(labels).toContain(`Crash ${at.leader} (the leader)`);
    expect(labels).toContain(`Cut the leader ${at.leader} off from the others`);
    expect(labels).not.toContain("Heal every link");
  });

  it("turns the loss into a win when the crashed leader is restarted", () => {
    expect(recorded.outcome).toBe("lost");
    const down = sampleAt(recorded.samples, 6000).nodes.find((n) => !n.up)?.id ?? "";
    const fork = buildDebrief(crashOnly, { t: 6000, input: { type: "restart", node: down } });
    expect(fork.outcome).toBe("won");
    expect(fork.endMs).toBeLessThan(recorded.endMs);
    expect(fork.moments.map((m) => m.text)).toContain(`At 6.0 s, in this what-if, ${down} restarted.`);
    // Up to the fork it is the recorded round.
    expect(fork.samples.filter((s) => s.t <= 6000)).toEqual(recorded.samples.filter((s) => s.t <= 6000));
    expect(fork.skipped).toEqual([]);
  });

  it("skips, and says so, a later input that the fork made impossible", () => {
    const solved = played("etcd/first-steps", 7, firstSteps.solution);
    const node = sampleAt(buildDebrief(solved).samples, 4100).nodes.find((n) => !n.up)?.id ?? "";
    const fork = buildDebrief(solved, { t: 6000, input: { type: "restart", node } });
    expect(fork.skipped).toEqual([expect.stringMatching(/^restart at 9\.0 s: /)]);
    expect(fork.outcome).toBe("won");
  });
});
