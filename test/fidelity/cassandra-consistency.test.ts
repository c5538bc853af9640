// FACTS §3.4: consistency levels (ConsistencyLevel.java, ReplicaPlans.assureSufficientLiveReplicas). Every row of
// the sheet's vector table, the write-only ANY, and the live-replica and acknowledgement rules per level.

import { describe, expect, it } from "vitest";
import type { ConsistencyLevel } from "../../shared/protocol/actions";
import {
  blockFor,
  checkUsable,
  countsToward,
  isSatisfied,
  localQuorumFor,
  perDcRequirement,
  quorumFor,
  sufficientLive,
} from "../../shared/systems/cassandra/consistency";
import type { Replication } from "../../shared/systems/cassandra/ring/placement";

const nts = (dcs: Record<string, number>): Replication => ({ class: "NetworkTopologyStrategy", dcs });
const simple = (rf: number): Replication => ({ class: "SimpleStrategy", rf });

/** n replicas named <dc>-<i>. */
function replicas(dc: string, n: number): { node: string; dc: string }[] {
  return Array.from({ length: n }, (_, i) => ({ node: `${dc}-${i + 1}`, dc }));
}

describe("FACTS §3.4 vector table", () => {
  // The sheet's rows, transcribed: rf per DC, then the expected numbers (local DC is dc1 unless named).
  const rows: { rf: Record<string, number>; QUORUM: number; ALL?: number; LOCAL_QUORUM?: Record<string, number>; EACH_QUORUM?: Record<string, number> }[] = [
    { rf: { dc1: 3 }, QUORUM: 2, ALL: 3 },
    { rf: { dc1: 5 }, QUORUM: 3 },
    { rf: { dc1: 1 }, QUORUM: 1 },
    { rf: { dc1: 2 }, QUORUM: 2 },
    { rf: { dc1: 3, dc2: 3 }, QUORUM: 4, LOCAL_QUORUM: { dc1: 2 }, EACH_QUORUM: { dc1: 2, dc2: 2 }, ALL: 6 },
    { rf: { dc1: 3, dc2: 2 }, QUORUM: 3, LOCAL_QUORUM: { dc1: 2, dc2: 2 }, EACH_QUORUM: { dc1: 2, dc2: 2 } },
    { rf: { dc1: 5, dc2: 5, dc3: 5 }, QUORUM: 8, LOCAL_QUORUM: { dc1: 3 } },
  ];

  for (const row of rows) {
    it(`RF ${JSON.stringify(row.rf)}`, () => {
      const r = nts(row.rf);
      expect(quorumFor(r)).toBe(row.QUORUM);
      expect(blockFor("QUORUM", r, "dc1")).toBe(row.QUORUM);
      if (row.ALL !== undefined) expect(blockFor("ALL", r, "dc1")).toBe(row.ALL);
      for (const [dc, n] of Object.entries(row.LOCAL_QUORUM ?? {})) {
        expect(localQuorumFor(r, dc)).toBe(n);
        expect(blockFor("LOCAL_QUORUM", r, dc)).toBe(n);
      }
      if (row.EACH_QUORUM) {
        expect(perDcRequirement("EACH_QUORUM", r, "dc1")).toEqual(row.EACH_QUORUM);
        const sum = Object.values(row.EACH_QUORUM).reduce((a, b) => a + b, 0);
        expect(blockFor("EACH_QUORUM", r, "dc1")).toBe(sum);
      }
    });
  }

  it("quorum is floor(RF / 2) + 1 for RF 1..6, and the same under SimpleStrategy", () => {
    expect([1, 2, 3, 4, 5, 6].map((rf) => quorumFor(simple(rf)))).toEqual([1, 2, 2, 3, 3, 4]);
    expect([1, 2, 3, 4, 5, 6].map((rf) => quorumFor(nts({ dc1: rf })))).toEqual([1, 2, 2, 3, 3, 4]);
  });

  it("fixed counts: ANY, ONE and LOCAL_ONE 1, TWO 2, THREE 3", () => {
    const r = nts({ dc1: 3, dc2: 3 });
    const fixed: [ConsistencyLevel, number][] = [["ANY", 1], ["ONE", 1], ["LOCAL_ONE", 1], ["TWO", 2], ["THREE", 3]];
    for (const [cl, n] of fixed) expect(blockFor(cl, r, "dc1")).toBe(n);
  });

  it("under SimpleStrategy LOCAL_QUORUM and EACH_QUORUM are QUORUM", () => {
    expect(localQuorumFor(simple(5), "dc1")).toBe(3);
    expect(blockFor("LOCAL_QUORUM", simple(5), "dc1")).toBe(3);
    expect(blockFor("EACH_QUORUM", simple(5), "dc1")).toBe(3);
    expect(perDcRequirement("EACH_QUORUM", simple(5), "dc1")).toBeNull();
  });

  it("a DC the keyspace does not replicate to has RF 0, so its local quorum (1) cannot be met", () => {
    const r = nts({ dc1: 3 });
    expect(localQuorumFor(r, "dc2")).toBe(1);
    expect(sufficientLive("LOCAL_QUORUM", r, "dc2", replicas("dc1", 3)).ok).toBe(false);
  });
});

describe("which levels an operation may use", () => {
  it("ANY is only supported for writes", () => {
    expect(checkUsable("ANY", "read")).toBe("ANY ConsistencyLevel is only supported for writes");
    expect(checkUsable("ANY", "write")).toBeNull();
  });

  it("every other level is allowed for reads and writes (EACH_QUORUM reads since Cassandra 3.0)", () => {
    const levels: ConsistencyLevel[] = ["ONE", "TWO", "THREE", "QUORUM", "ALL", "LOCAL_ONE", "LOCAL_QUORUM", "EACH_QUORUM"];
    for (const cl of levels) {
      expect(checkUsable(cl, "read")).toBeNull();
      expect(checkUsable(cl, "write")).toBeNull();
    }
  });
});

describe("Unavailable: too few live replicas (assureSufficientLiveReplicas)", () => {
  const rf3 = simple(3);

  it("QUORUM of RF 3 needs 2 live replicas", () => {
    expect(sufficientLive("QUORUM", rf3, "dc1", replicas("dc1", 2))).toEqual({ ok: true });
    expect(sufficientLive("QUORUM", rf3, "dc1", replicas("dc1", 1))).toEqual({
      ok: false,
      required: 2,
      alive: 1,
      reason: "Cannot achieve consistency level QUORUM: 2 replicas required but only 1 alive",
    });
  });

  it("ONE needs one, ALL needs all", () => {
    expect(sufficientLive("ONE", rf3, "dc1", replicas("dc1", 1)).ok).toBe(true);
    expect(sufficientLive("ONE", rf3, "dc1", [])).toMatchObject({ ok: false, required: 1, alive: 0 });
    expect(sufficientLive("ALL", rf3, "dc1", replicas("dc1", 2))).toMatchObject({ ok: false, required: 3, alive: 2 });
    expect(sufficientLive("ALL", rf3, "dc1", replicas("dc1", 3)).ok).toBe(true);
  });

  it("a node listed twice counts once", () => {
    const one = replicas("dc1", 1);
    expect(sufficientLive("QUORUM", rf3, "dc1", [...one, ...one]).ok).toBe(false);
  });

  it("ANY writes need no live replica: the coordinator can store a hint", () => {
    expect(sufficientLive("ANY", rf3, "dc1", [])).toEqual({ ok: true });
  });

  it("QUORUM counts replicas in every DC", () => {
    const r = nts({ dc1: 3, dc2: 3 });
    expect(sufficientLive("QUORUM", r, "dc1", [...replicas("dc1", 1), ...replicas("dc2", 3)]).ok).toBe(true);
    expect(sufficientLive("QUORUM", r, "dc1", [...replicas("dc1", 1), ...replicas("dc2", 2)])).toMatchObject({
      ok: false,
      required: 4,
      alive: 3,
    });
  });

  it("LOCAL_QUORUM and LOCAL_ONE count only the coordinator's DC", () => {
    const r = nts({ dc1: 3, dc2: 3 });
    const remoteOnly = replicas("dc2", 3);
    expect(sufficientLive("LOCAL_QUORUM", r, "dc1", remoteOnly)).toMatchObject({ ok: false, required: 2, alive: 0 });
    expect(sufficientLive("LOCAL_ONE", r, "dc1", remoteOnly)).toMatchObject({ ok: false, required: 1, alive: 0 });
    expect(sufficientLive("LOCAL_ONE", r, "dc1", remoteOnly)).toMatchObject({
      reason: "Cannot achieve consistency level LOCAL_ONE: 1 replica required but only 0 alive",
    });
    expect(sufficientLive("LOCAL_QUORUM", r, "dc1", [...replicas("dc1", 2), ...remoteOnly]).ok).toBe(true);
    expect(sufficientLive("LOCAL_QUORUM", r, "dc2", remoteOnly).ok).toBe(true);
    expect(sufficientLive("LOCAL_ONE", r, "dc2", remoteOnly.slice(0, 1)).ok).toBe(true);
  });

  it("EACH_QUORUM needs a local quorum alive in every DC and names the DC that falls short", () => {
    const r = nts({ dc1: 3, dc2: 3 });
    expect(sufficientLive("EACH_QUORUM", r, "dc1", [...replicas("dc1", 2), ...replicas("dc2", 2)]).ok).toBe(true);
    // Five of six alive is plenty for QUORUM, but dc2 has only one.
    const lopsided = [...replicas("dc1", 3), ...replicas("dc2", 1)];
    expect(sufficientLive("QUORUM", r, "dc1", lopsided).ok).toBe(true);
    expect(sufficientLive("EACH_QUORUM", r, "dc1", lopsided)).toEqual({
      ok: false,
      required: 2,
      alive: 1,
      reason: "Cannot achieve consistency level EACH_QUORUM in DC dc2: 2 replicas required but only 1 alive",
    });
  });
});

describe("acknowledgements that satisfy a level (response handlers)", () => {
  it("ONE, QUORUM and ALL count distinct acknowledging replicas", () => {
    const r = simple(3);
    expect(isSatisfied("ONE", r, "dc1", replicas("dc1", 1))).toBe(true);
    expect(isSatisfied("ONE", r, "dc1", [])).toBe(false);
    expect(isSatisfied("QUORUM", r, "dc1", replicas("dc1", 1))).toBe(false);
    expect(isSatisfied("QUORUM", r, "dc1", replicas("dc1", 2))).toBe(true);
    const one = replicas("dc1", 1);
    expect(isSatisfied("QUORUM", r, "dc1", [...one, ...one])).toBe(false);
    expect(isSatisfied("ALL", r, "dc1", replicas("dc1", 2))).toBe(false);
    expect(isSatisfied("ALL", r, "dc1", replicas("dc1", 3))).toBe(true);
  });

  it("LOCAL_QUORUM ignores acknowledgements from other DCs", () => {
    const r = nts({ dc1: 3, dc2: 3 });
    expect(countsToward("LOCAL_QUORUM", "dc2", "dc1")).toBe(false);
    expect(countsToward("LOCAL_QUORUM", "dc1", "dc1")).toBe(true);
    expect(countsToward("QUORUM", "dc2", "dc1")).toBe(true);
    expect(isSatisfied("LOCAL_QUORUM", r, "dc1", [...replicas("dc1", 1), ...replicas("dc2", 3)])).toBe(false);
    expect(isSatisfied("LOCAL_QUORUM", r, "dc1", replicas("dc1", 2))).toBe(true);
    expect(isSatisfied("LOCAL_ONE", r, "dc1", replicas("dc2", 3))).toBe(false);
    expect(isSatisfied("LOCAL_ONE", r, "dc1", replicas("dc1", 1))).toBe(true);
    expect(perDcRequirement("LOCAL_QUORUM", r, "dc1")).toEqual({ dc1: 2 });
    expect(perDcRequirement("LOCAL_ONE", r, "dc2")).toEqual({ dc2: 1 });
    expect(perDcRequirement("QUORUM", r, "dc1")).toBeNull();
  });

  it("EACH_QUORUM needs a local quorum of acknowledgements in each DC, not just blockFor in total", () => {
    const r = nts({ dc1: 3, dc2: 3 });
    expect(isSatisfied("EACH_QUORUM", r, "dc1", [...replicas("dc1", 3), ...replicas("dc2", 1)])).toBe(false);
    expect(isSatisfied("EACH_QUORUM", r, "dc1", [...replicas("dc1", 2), ...replicas("dc2", 2)])).toBe(true);
    // The same four acknowledgements satisfy QUORUM either way.
    expect(isSatisfied("QUORUM", r, "dc1", [...replicas("dc1", 3), ...replicas("dc2", 1)])).toBe(true);
  });

  it("ANY is satisfied by one acknowledgement, which may be the coordinator's hint", () => {
    expect(isSatisfied("ANY", simple(3), "dc1", [{ node: "coordinator", dc: "dc1" }])).toBe(true);
    expect(isSatisfied("ANY", simple(3), "dc1", [])).toBe(false);
  });

  it("R + W > RF: QUORUM writes and QUORUM reads always share a replica", () => {
    for (let rf = 1; rf <= 7; rf++) {
      const q = blockFor("QUORUM", simple(rf), "dc1");
      expect(q + q).toBeGreaterThan(rf);
      expect(blockFor("ONE", simple(rf), "dc1") * 2 > rf).toBe(rf === 1);
    }
  });
});
