// One large cluster for a whole class (shared/levels/class-cluster.ts): a level that opts in grows to one node per
// student within its bounds, keeps the meaning of every node id it names, and an opt-in that cannot work is refused
// with the path and the reason. Opted-in shipped levels are proven at their largest size too.

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { classClusterSize, growCluster } from "../../../shared/levels/class-cluster";
import { LevelError } from "../../../shared/levels/errors";
import { type ParseOptions, parseLevel } from "../../../shared/levels/load";
import { findSystem } from "../../../shared/systems/registry";
import { playSteps } from "../../../shared/levels/play";
import { clusterNodes, type Level } from "../../../shared/levels/schema";

const FILE = "levels/test/class.json";

function shippedLevels(): Level[] {
  return readdirSync("levels", { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(path.join("levels", d.name)).filter((f) => f.endsWith(".json")).map((f) => path.join("levels", d.name, f)))
    .map((file) => parseLevel(JSON.parse(readFileSync(file, "utf8")), file));
}

// biome-ignore lint/suspicious/noExplicitAny: edits write JSON a level type may not allow.
function fileWith(path: string, edit: (level: any) => void): unknown {
  const copy = JSON.parse(readFileSync(path, "utf8"));
  edit(copy);
  return copy;
}

/** The loader's message for a level it refuses (every problem, with the file and the path). */
function problems(json: unknown, options: ParseOptions = {}): string {
  try {
    parseLevel(json, FILE, options);
  } catch (error) {
    expect(error).toBeInstanceOf(LevelError);
    return (error as Error).message;
  }
  throw new Error("expected the level to be rejected");
}

const gossip = parseLevel(JSON.parse(readFileSync("levels/consul/gossip-tuning.json", "utf8")), "gossip-tuning.json");
const etcd = parseLevel(JSON.parse(readFileSync("levels/etcd/leader-election.json", "utf8")), "leader-election.json");

describe("the size of a class cluster", () => {
  it("is one node per student, never fewer than the level's own nodes, never more than its maximum", () => {
    expect(gossip.cluster.nodes).toBe(8);
    expect(gossip.cluster.classCluster).toEqual({ maxNodes: 30 });
    expect(classClusterSize(gossip, 0)).toBe(8);
    expect(classClusterSize(gossip, 3)).toBe(8);
    expect(classClusterSize(gossip, 12)).toBe(12);
    expect(classClusterSize(gossip, 30)).toBe(30);
    expect(classClusterSize(gossip, 45)).toBe(30);
  });

  it("stays the level's own for a level without the opt-in, whatever the class", () => {
    expect(etcd.cluster.classCluster).toBeUndefined();
    expect(classClusterSize(etcd, 30)).toBe(clusterNodes(etcd).length);
    expect(() => growCluster(etcd, 12)).toThrow(/keeps its \d+ nodes/);
  });

  it("grows by adding n9..nN, so every node the level names is still the same node", () => {
    const grown = growCluster(gossip, 12);
    expect(clusterNodes(grown)).toEqual(["n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9", "n10", "n11", "n12"]);
    expect(grown.script).toEqual(gossip.script); // "crash n8" at 45 s: still the eighth agent
    expect(grown.objectives).toEqual(gossip.objectives);
    expect(clusterNodes(gossip)).toHaveLength(8); // the catalog's level is left alone
  });

  it("refuses a count outside the level's bounds (the count comes from another room, so it is checked)", () => {
    expect(() => growCluster(gossip, 31)).toThrow("grows from 8 to at most 30 nodes, not 31");
    expect(() => growCluster(gossip, 7)).toThrow("not 7");
    expect(() => growCluster(gossip, 9.5)).toThrow("not 9.5");
    expect(growCluster(gossip, 8)).toBe(gossip);
  });
});

describe("refusing an opt-in that cannot work", () => {
  it("refuses a list of node ids: their names matter, and a class cluster names its nodes n1..nN", () => {
    const message = problems(fileWith("levels/etcd/leader-election.json", (l) => {
      l.cluster.nodes = ["n1", "n2", "n3"];
      l.cluster.classCluster = { maxNodes: 9 };
    }));
    expect(message).toContain("cluster.nodes: a class cluster grows n1..nN: give the node count (such as 5), not a list of ids, or drop cluster.classCluster");
  });

  it("refuses Cassandra racks and datacenters placed node by node", () => {
    const message = problems(fileWith("levels/cassandra/two-datacenters.json", (l) => {
      l.cluster.nodes = 6;
      l.cluster.classCluster = { maxNodes: 12 };
    }));
    expect(message).toContain("cluster.config.topology: cassandra setting topology places nodes one by one");
  });

  it("refuses a partition listed node by node: the added nodes would be a side of their own", () => {
    const message = problems(fileWith("levels/cassandra/split-brain.json", (l) => {
      l.cluster.classCluster = { maxNodes: 12 };
    }));
    expect(message).toContain("script[0].action.groups: a partition lists its sides node by node");
  });

  it("refuses a maximum below the level's own count, and one the schema does not allow", () => {
    expect(problems(fileWith("levels/consul/gossip-tuning.json", (l) => {
      l.cluster.classCluster = { maxNodes: 6 };
    }))).toContain("cluster.classCluster.maxNodes: expected at least the level's own 8 nodes, got 6");
    expect(problems(fileWith("levels/consul/gossip-tuning.json", (l) => {
      l.cluster.classCluster = { maxNodes: 100 };
    }))).toContain("cluster.classCluster.maxNodes:");
  });

  it("refuses settings that stop working at some size in between, naming the size", () => {
    // A system that, like a real one with a fixed-size setting, refuses clusters above ten nodes.
    const consul = findSystem("consul");
    if (!consul) throw new Error("no consul");
    const upToTen: ParseOptions = {
      findSystem: (name) =>
        name !== "consul"
          ? findSystem(name)
          : {
              ...consul,
              createNode: (id, config, durable, nodes) => {
                if ((nodes?.length ?? 0) > 10) throw new Error("at most 10 agents");
                return consul.createNode(id, config, durable, nodes);
              },
            },
    };
    const level = fileWith("levels/consul/gossip-tuning.json", (l) => {
      l.cluster.classCluster = { maxNodes: 30 };
    });
    expect(problems(level, upToTen)).toContain("cluster.config: with 11 nodes (a class cluster): at most 10 agents");
  });
});

describe("shipped levels that grow with a class", () => {
  const opted = shippedLevels().filter((l) => l.cluster.classCluster !== undefined);

  it("include the Consul gossip levels and a Cassandra ring", () => {
    const ids = opted.map((l) => l.id);
    expect(ids).toEqual(expect.arrayContaining(["consul/gossip-tuning", "consul/service-discovery", "cassandra/quorum"]));
  });

  // The lesson must hold in the largest class the author allows: the solution still wins, the naive play still loses.
  for (const level of opted) {
    const max = level.cluster.classCluster?.maxNodes as number;
    it(`${level.id} is still won by its solution and lost by its naive play at ${max} nodes`, () => {
      const big: Level = growCluster(level, max);
      for (const seed of [1, 2]) {
        expect(playSteps({ level: big, seed, chaos: "level" }, big.solution).round.outcome, `solution, seed ${seed}`).toBe("won");
        expect(playSteps({ level: big, seed, chaos: "level" }, big.naive).round.outcome, `naive, seed ${seed}`).toBe("lost");
      }
    });
  }
});
