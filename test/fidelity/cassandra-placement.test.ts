// FACTS §3.3: the token ring and replica placement. SimpleStrategy takes the first RF distinct nodes clockwise from
// the key's token; NetworkTopologyStrategy fills each datacenter independently, spreading replicas over racks and
// reusing a rack only when a DC has fewer racks than its RF (NetworkTopologyStrategy.calculateNaturalReplicas).

import { describe, expect, it } from "vitest";
import { Rng } from "../../shared/sim/rng";
import { MAX_TOKEN, MIN_TOKEN, tokenForKey } from "../../shared/systems/cassandra/ring/murmur3";
import {
  describeReplication,
  type Replication,
  replicasFor,
  replicationFactorIn,
  totalReplicationFactor,
} from "../../shared/systems/cassandra/ring/placement";
import { type Endpoint, TokenRing, vnodeTokens } from "../../shared/systems/cassandra/ring/token-ring";

const E18 = 1_000_000_000_000_000_000n;

function ep(node: string, tokens: bigint[], dc = "dc1", rack = "rack1"): Endpoint {
  return { node, dc, rack, tokens };
}

/** FACTS §3.3's worked example: four single-token nodes. */
const fourNodes = new TokenRing([ep("A", [-6n * E18]), ep("B", [-2n * E18]), ep("C", [2n * E18]), ep("D", [6n * E18])]);
const rf3: Replication = { class: "SimpleStrategy", rf: 3 };

describe("SimpleStrategy (FACTS §3.3 worked example)", () => {
  it('"123" → A, B, C', () => {
    expect(tokenForKey("123")).toBe(-7468325962851647638n);
    expect(replicasFor(fourNodes, tokenForKey("123"), rf3)).toEqual(["A", "B", "C"]);
  });

  it('"foo" → B, C, D', () => {
    expect(tokenForKey("foo")).toBe(-2129773440516405919n);
    expect(replicasFor(fourNodes, tokenForKey("foo"), rf3)).toEqual(["B", "C", "D"]);
  });

  it('"9223372036854775807" is above every node token, so it wraps: A, B, C', () => {
    expect(tokenForKey("9223372036854775807")).toBe(7162290910810015547n);
    expect(replicasFor(fourNodes, tokenForKey("9223372036854775807"), rf3)).toEqual(["A", "B", "C"]);
  });

  it("a token equal to a node token belongs to that node (ranges are (prev, token])", () => {
    expect(replicasFor(fourNodes, 2n * E18, rf3)).toEqual(["C", "D", "A"]);
    expect(replicasFor(fourNodes, 2n * E18 + 1n, rf3)).toEqual(["D", "A", "B"]);
    expect(replicasFor(fourNodes, MAX_TOKEN, rf3)).toEqual(["A", "B", "C"]);
    expect(replicasFor(fourNodes, MIN_TOKEN + 1n, rf3)).toEqual(["A", "B", "C"]);
  });

  it("primaryIndex finds the smallest token >= t and wraps to 0", () => {
    expect(fourNodes.primaryIndex(-7n * E18)).toBe(0);
    expect(fourNodes.primaryIndex(-6n * E18)).toBe(0);
    expect(fourNodes.primaryIndex(0n)).toBe(2);
    expect(fourNodes.primaryIndex(7n * E18)).toBe(0);
    expect(new TokenRing([]).primaryIndex(0n)).toBe(-1);
    expect(replicasFor(new TokenRing([]), 0n, rf3)).toEqual([]);
  });

  it("vnodes of a node already chosen are skipped", () => {
    // Ring: 10 A, 20 B, 30 C, 40 A, 50 C.
    const ring = new TokenRing([ep("A", [10n, 40n]), ep("B", [20n]), ep("C", [30n, 50n])]);
    expect(replicasFor(ring, 35n, rf3)).toEqual(["A", "C", "B"]);
    expect(replicasFor(ring, 45n, rf3)).toEqual(["C", "A", "B"]);
    expect(replicasFor(ring, 5n, { class: "SimpleStrategy", rf: 2 })).toEqual(["A", "B"]);
    expect(replicasFor(ring, 25n, { class: "SimpleStrategy", rf: 2 })).toEqual(["C", "A"]);
  });

  it("an RF above the node count gives every node once", () => {
    expect(replicasFor(fourNodes, 0n, { class: "SimpleStrategy", rf: 5 })).toEqual(["C", "D", "A", "B"]);
  });

  it("racks and datacenters do not matter to SimpleStrategy", () => {
    const ring = new TokenRing([ep("A", [10n], "dc1", "r1"), ep("B", [20n], "dc1", "r1"), ep("C", [30n], "dc2", "r2")]);
    expect(replicasFor(ring, 5n, { class: "SimpleStrategy", rf: 2 })).toEqual(["A", "B"]);
  });

  it("with 16 vnodes per node, every key gets RF distinct replicas, primary first", () => {
    const names = ["n1", "n2", "n3", "n4", "n5"];
    const ring = new TokenRing(names.map((n) => ep(n, vnodeTokens(n, 16))));
    expect(ring.sorted.length).toBe(80);
    for (let i = 0; i < 300; i++) {
      const t = tokenForKey(`key${i}`);
      const replicas = replicasFor(ring, t, rf3);
      expect(new Set(replicas).size).toBe(3);
      expect(replicas[0]).toBe(ring.primaryOwner(t));
    }
  });
});

describe("the token ring", () => {
  it("vnodeTokens are deterministic, sorted and independent of anything but the name", () => {
    const a = vnodeTokens("n1", 16);
    expect(a).toEqual(vnodeTokens("n1", 16));
    expect(a.length).toBe(16);
    expect([...a].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))).toEqual(a);
    expect(a).toContain(tokenForKey("n1#0"));
    expect(vnodeTokens("n2", 16)).not.toEqual(a);
  });

  it("two nodes claiming one token: the first listed keeps it", () => {
    const ring = new TokenRing([ep("A", [10n, 30n]), ep("B", [10n, 20n])]);
    expect(ring.sorted).toEqual([
      { token: 10n, node: "A" },
      { token: 20n, node: "B" },
      { token: 30n, node: "A" },
    ]);
    expect(ring.nodes()).toEqual(["A", "B"]);
    expect(ring.endpoint("B")?.tokens).toEqual([10n, 20n]);
  });

  it("ownership: each token owns (previous token, token]; the lowest wraps round; fractions sum to 1", () => {
    const own = fourNodes.ownership();
    const ring = 2 ** 64;
    expect(own.get("B")).toBeCloseTo(4e18 / ring, 12);
    expect(own.get("C")).toBeCloseTo(4e18 / ring, 12);
    expect(own.get("A")).toBeCloseTo(1 - 12e18 / ring, 12);
    expect([...own.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);

    expect(new TokenRing([ep("solo", [123n])]).ownership().get("solo")).toBe(1);

    const vn = new TokenRing(["a", "b", "c", "d"].map((n) => ep(n, vnodeTokens(n, 16))));
    const shares = [...vn.ownership().values()];
    expect(shares.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
    for (const s of shares) expect(s).toBeGreaterThan(0);
  });
});

describe("NetworkTopologyStrategy", () => {
  it("prefers racks not yet used, passing over a nearer node on a used rack", () => {
    // Ring: 10 n1/r1, 20 n2/r1, 30 n3/r2, 40 n4/r3, 50 n5/r1.
    const ring = new TokenRing([
      ep("n1", [10n], "dc1", "r1"),
      ep("n2", [20n], "dc1", "r1"),
      ep("n3", [30n], "dc1", "r2"),
      ep("n4", [40n], "dc1", "r3"),
      ep("n5", [50n], "dc1", "r1"),
    ]);
    const nts: Replication = { class: "NetworkTopologyStrategy", dcs: { dc1: 3 } };
    expect(replicasFor(ring, 5n, nts)).toEqual(["n1", "n3", "n4"]);
    expect(replicasFor(ring, 15n, nts)).toEqual(["n2", "n3", "n4"]);
    expect(replicasFor(ring, 45n, nts)).toEqual(["n5", "n3", "n4"]);
    // SimpleStrategy on the same ring would take the neighbours.
    expect(replicasFor(ring, 5n, rf3)).toEqual(["n1", "n2", "n3"]);
  });

  it("falls back to a used rack when the DC has fewer racks than its RF, in ring order", () => {
    // Two racks, RF 3: one repeat is allowed, and it goes to the first same-rack node met.
    const ring = new TokenRing([
      ep("n1", [10n], "dc1", "r1"),
      ep("n2", [20n], "dc1", "r1"),
      ep("n3", [30n], "dc1", "r1"),
      ep("n4", [40n], "dc1", "r2"),
    ]);
    const nts: Replication = { class: "NetworkTopologyStrategy", dcs: { dc1: 3 } };
    expect(replicasFor(ring, 5n, nts)).toEqual(["n1", "n2", "n4"]);
    expect(replicasFor(ring, 35n, nts)).toEqual(["n4", "n1", "n2"]);
    // One rack only: plain ring order.
    const oneRack = new TokenRing(["a", "b", "c", "d"].map((n, i) => ep(n, [BigInt(i * 10)], "dc1", "r")));
    expect(replicasFor(oneRack, 15n, nts)).toEqual(["c", "d", "a"]);
  });

  it("stops at the DC's node count when RF exceeds it", () => {
    const ring = new TokenRing([ep("a", [10n], "dc1", "r1"), ep("b", [20n], "dc1", "r2")]);
    expect(replicasFor(ring, 0n, { class: "NetworkTopologyStrategy", dcs: { dc1: 3 } })).toEqual(["a", "b"]);
  });

  it("places each datacenter independently; rack names are per DC", () => {
    // dc1 has three racks; dc2 has one rack, also called r1.
    const ring = new TokenRing([
      ep("a1", [10n], "dc1", "r1"),
      ep("b1", [20n], "dc2", "r1"),
      ep("a2", [30n], "dc1", "r2"),
      ep("b2", [40n], "dc2", "r1"),
      ep("a3", [50n], "dc1", "r3"),
      ep("b3", [60n], "dc2", "r1"),
    ]);
    const two: Replication = { class: "NetworkTopologyStrategy", dcs: { dc1: 2, dc2: 2 } };
    expect(replicasFor(ring, 5n, two)).toEqual(["a1", "b1", "a2", "b2"]);
    expect(replicasFor(ring, 45n, two)).toEqual(["a3", "b3", "a1", "b1"]);
    const three: Replication = { class: "NetworkTopologyStrategy", dcs: { dc1: 3, dc2: 3 } };
    expect(new Set(replicasFor(ring, 5n, three))).toEqual(new Set(["a1", "a2", "a3", "b1", "b2", "b3"]));
    // Only dc2.
    expect(replicasFor(ring, 5n, { class: "NetworkTopologyStrategy", dcs: { dc2: 1 } })).toEqual(["b1"]);
    // A DC with no nodes, or RF 0, is skipped.
    expect(replicasFor(ring, 5n, { class: "NetworkTopologyStrategy", dcs: { dc1: 1, dc3: 3, dc2: 0 } })).toEqual(["a1"]);
  });

  it("chooses the same replica set as Cassandra 3.x's set-aside formulation, on random topologies", () => {
    const rng = new Rng(20261125);
    for (let round = 0; round < 200; round++) {
      const endpoints: Endpoint[] = [];
      const nodeCount = rng.int(1, 10);
      for (let i = 0; i < nodeCount; i++) {
        const name = `n${i}`;
        endpoints.push(ep(name, vnodeTokens(`${round}/${name}`, rng.int(1, 5)), `dc${rng.int(1, 3)}`, `r${rng.int(1, 4)}`));
      }
      const ring = new TokenRing(endpoints);
      const r: Replication = { class: "NetworkTopologyStrategy", dcs: { dc1: rng.int(0, 5), dc2: rng.int(0, 5) } };
      for (let k = 0; k < 5; k++) {
        const t = tokenForKey(`r${round}k${k}`);
        const got = replicasFor(ring, t, r);
        expect(new Set(got)).toEqual(new Set(cassandra3Replicas(ring, t, r.dcs)));
        for (const dc of ["dc1", "dc2"]) {
          const inDc = endpoints.filter((e) => e.dc === dc).length;
          expect(got.filter((n) => ring.endpoint(n)?.dc === dc).length).toBe(Math.min(replicationFactorIn(r, dc), inDc));
        }
      }
    }
  });
});

/** Cassandra 3.x's NetworkTopologyStrategy.calculateNaturalEndpoints, transcribed as an independent check. */
function cassandra3Replicas(ring: TokenRing, token: bigint, dcs: Record<string, number>): string[] {
  const replicas: string[] = [];
  const dcReplicas = new Map<string, Set<string>>();
  const seenRacks = new Map<string, Set<string>>();
  const skipped = new Map<string, string[]>();
  const allInDc = new Map<string, number>();
  const racksInDc = new Map<string, Set<string>>();
  for (const n of ring.nodes()) {
    const e = ring.endpoint(n) as Endpoint;
    allInDc.set(e.dc, (allInDc.get(e.dc) ?? 0) + 1);
    racksInDc.set(e.dc, (racksInDc.get(e.dc) ?? new Set()).add(e.rack));
  }
  for (const dc of Object.keys(dcs)) {
    dcReplicas.set(dc, new Set());
    seenRacks.set(dc, new Set());
    skipped.set(dc, []);
  }
  const enough = (dc: string) => (dcReplicas.get(dc)?.size ?? 0) >= Math.min(allInDc.get(dc) ?? 0, dcs[dc]);
  const add = (dc: string, n: string) => {
    dcReplicas.get(dc)?.add(n);
    if (!replicas.includes(n)) replicas.push(n);
  };
  const start = ring.primaryIndex(token);
  for (let i = 0; i < ring.sorted.length && !Object.keys(dcs).every(enough); i++) {
    const n = ring.sorted[(start + i) % ring.sorted.length].node;
    const e = ring.endpoint(n) as Endpoint;
    if (!(e.dc in dcs) || enough(e.dc)) continue;
    const seen = seenRacks.get(e.dc) as Set<string>;
    if (seen.size === racksInDc.get(e.dc)?.size) {
      add(e.dc, n);
    } else if (seen.has(e.rack)) {
      if (!skipped.get(e.dc)?.includes(n)) skipped.get(e.dc)?.push(n);
    } else {
      add(e.dc, n);
      seen.add(e.rack);
      if (seen.size === racksInDc.get(e.dc)?.size) {
        for (const s of skipped.get(e.dc) ?? []) {
          if (enough(e.dc)) break;
          add(e.dc, s);
        }
      }
    }
  }
  return replicas;
}

describe("replication factors", () => {
  it("totals and per-DC factors", () => {
    const nts: Replication = { class: "NetworkTopologyStrategy", dcs: { dc1: 3, dc2: 2 } };
    expect(totalReplicationFactor(rf3)).toBe(3);
    expect(totalReplicationFactor(nts)).toBe(5);
    expect(replicationFactorIn(nts, "dc2")).toBe(2);
    expect(replicationFactorIn(nts, "dc9")).toBe(0);
    expect(replicationFactorIn(rf3, "anything")).toBe(3);
  });

  it("describes the strategy in plain words", () => {
    expect(describeReplication(rf3)).toBe("SimpleStrategy, RF 3");
    expect(describeReplication({ class: "NetworkTopologyStrategy", dcs: { dc1: 3, dc2: 3 } })).toBe(
      "NetworkTopologyStrategy dc1:3, dc2:3",
    );
  });
});
