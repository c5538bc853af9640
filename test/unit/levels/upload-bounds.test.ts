// What the server agrees to keep and run for an author: the upload bounds on top of the level schema (each over-limit
// value named by its JSON path), the id the server gives an upload, and the per-address upload rate.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { authoredId } from "../../../server/http/authored-id";
import { boundsProblems, UPLOAD_BOUNDS } from "../../../server/http/upload-bounds";
import { UploadLimiter } from "../../../server/http/upload-limit";
import { parseLevel } from "../../../shared/levels/load";
import type { Level } from "../../../shared/levels/schema";

const shippedFiles = ["etcd/leader-election", "cassandra/two-datacenters", "cockroach/region-outage", "minio/parity"];
const base = JSON.parse(readFileSync("levels/etcd/leader-election.json", "utf8")) as Record<string, unknown>;

/** The shipped level with one change, validated by the real loader (the bounds only ever see valid levels). */
// biome-ignore lint/suspicious/noExplicitAny: edits reach into the level's JSON freely.
function variant(edit: (level: any) => void): Level {
  const copy = structuredClone(base);
  edit(copy);
  return parseLevel(copy, "upload");
}

function paths(level: Level): string[] {
  return boundsProblems(level).map((p) => p.path);
}

describe("upload bounds", () => {
  it("let every shipped level through", () => {
    for (const id of shippedFiles) {
      const level = parseLevel(JSON.parse(readFileSync(`levels/${id}.json`, "utf8")), id);
      expect(boundsProblems(level), id).toEqual([]);
    }
  });

  it("accept a level exactly at every bound", () => {
    const level = variant((l) => {
      l.cluster.nodes = UPLOAD_BOUNDS.maxNodes;
      l.timeLimitMs = UPLOAD_BOUNDS.maxTimeLimitMs;
      l.workload.clients = 10;
      l.workload.rate = UPLOAD_BOUNDS.maxOpsPerSecond / 10;
      l.script = Array.from({ length: UPLOAD_BOUNDS.maxStepsPerList }, (_, i) => ({ ...l.script[0], at: i * 10 }));
    });
    expect(boundsProblems(level)).toEqual([]);
  });

  it("name the node count, also for a class cluster that grows", () => {
    expect(boundsProblems(variant((l) => (l.cluster.nodes = 33)))).toEqual([
      { path: "cluster.nodes", message: "expected at most 32 nodes in an uploaded level, got 33" },
    ]);
    const listed = variant((l) => (l.cluster.nodes = Array.from({ length: 40 }, (_, i) => `n${i + 1}`)));
    expect(boundsProblems(listed)[0].message).toContain("got 40");
    const grows = variant((l) => (l.cluster.classCluster = { maxNodes: 64 }));
    expect(paths(grows)).toEqual(["cluster.classCluster.maxNodes"]);
  });

  it("name each list of timed steps that is too long", () => {
    const n = UPLOAD_BOUNDS.maxStepsPerList + 1;
    const steps = (step: unknown) => Array.from({ length: n }, () => structuredClone(step));
    const level = variant((l) => {
      l.script = steps(l.script[0]);
      l.roles.chaos.plan = steps(l.roles.chaos.plan[0]);
      l.solution = steps(l.solution[0]);
      l.naive = steps(l.naive[0]);
    });
    expect(paths(level)).toEqual(["script", "roles.chaos.plan", "solution", "naive"]);
    expect(boundsProblems(level)[0].message).toBe(`expected at most 200 steps in an uploaded level, got ${n}`);
  });

  it("bound the goals and losing conditions together", () => {
    const level = variant((l) => {
      l.lose = Array.from({ length: UPLOAD_BOUNDS.maxPredicates }, (_, i) => ({ id: `down-${i}`, type: "no-leader-for", ms: 5000 + i }));
    });
    expect(paths(level)).toEqual(["objectives"]);
  });

  it("bound the time limit to 30 minutes", () => {
    expect(boundsProblems(variant((l) => (l.timeLimitMs = 30 * 60 * 1000 + 1)))).toEqual([
      { path: "timeLimitMs", message: "expected at most 1800000 ms (30 minutes) in an uploaded level, got 1800001" },
    ]);
  });

  it("bound the workload: clients, then clients x rate", () => {
    expect(paths(variant((l) => (l.workload.clients = 21)))).toEqual(["workload.clients"]);
    const busy = boundsProblems(variant((l) => Object.assign(l.workload, { clients: 20, rate: 6 })));
    expect(busy).toEqual([{ path: "workload.rate", message: "expected clients x rate of at most 100 operations a second in an uploaded level, got 20 x 6 = 120" }]);
  });
});

describe("the id the server gives an upload", () => {
  const counter = () => {
    let i = 0;
    return () => i++ % 36;
  };

  it("is <system>/my-<slug>-<6 characters>, from the id the author wrote", () => {
    const id = authoredId({ id: "etcd/leader-election", system: "etcd", title: "x" }, () => false, counter());
    expect(id).toBe("etcd/my-leader-election-abcdef");
    expect(id).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
  });

  it("falls back on the title, then on 'level', and never repeats a tail", () => {
    expect(authoredId({ system: "kafka", title: "Élection rapide, vraiment!" }, () => false, counter())).toBe("kafka/my-election-rapide-vraiment-abcdef");
    expect(authoredId({ system: "Not A System" }, () => false, counter())).toBe("level/my-level-abcdef");
    expect(authoredId([1, 2], () => false, counter())).toBe("level/my-level-abcdef");
  });

  it("keeps a re-uploaded saved level's name without stacking tails", () => {
    expect(authoredId({ id: "etcd/my-quorum-x1y2z3", system: "etcd" }, () => false, counter())).toBe("etcd/my-quorum-abcdef");
  });

  it("draws again while the id is taken", () => {
    const taken = new Set(["etcd/my-q-abcdef"]);
    expect(authoredId({ id: "etcd/q", system: "etcd" }, (id) => taken.has(id), counter())).toBe("etcd/my-q-ghijkl");
  });

  it("is random by default", () => {
    const a = authoredId({ id: "etcd/q", system: "etcd" }, () => false);
    const b = authoredId({ id: "etcd/q", system: "etcd" }, () => false);
    expect(a).toMatch(/^etcd\/my-q-[a-z0-9]{6}$/);
    expect(a).not.toBe(b);
  });
});

describe("the upload rate per address", () => {
  it("allows ten at once, then one every six seconds, per address", () => {
    let now = 0;
    const limiter = new UploadLimiter({ burst: 10, perMinute: 10 }, () => now);
    for (let i = 0; i < 10; i++) expect(limiter.take("10.0.0.1")).toBeUndefined();
    expect(limiter.take("10.0.0.1")).toBe(6);
    expect(limiter.take("10.0.0.2")).toBeUndefined();
    now = 3000;
    expect(limiter.take("10.0.0.1")).toBe(3);
    now = 6000;
    expect(limiter.take("10.0.0.1")).toBeUndefined();
    expect(limiter.take("10.0.0.1")).toBe(6);
    expect(limiter.describe()).toBe("10 a minute");
  });

  it("keeps at most so many addresses, forgetting the one seen longest ago, whatever their buckets hold", () => {
    const limiter = new UploadLimiter({ burst: 1, perMinute: 1 }, () => 0, 3);
    for (const address of ["a", "b", "c"]) limiter.take(address);
    expect(limiter.take("a")).toBe(60); // a is touched: b is now the oldest
    limiter.take("d");
    expect(limiter.size).toBe(3);
    expect(limiter.take("a")).toBe(60); // kept, still empty
    expect(limiter.take("b")).toBeUndefined(); // forgotten: a full bucket again
    const many = new UploadLimiter();
    for (let i = 0; i < 20_000; i++) many.take(`10.0.${i >> 8}.${i & 255}`);
    expect(many.size).toBe(10_000);
  });
});
