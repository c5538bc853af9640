// Cassandra's level settings: defaults from cassandra.yaml, errors that name the setting, and where a node stands.

import { describe, expect, it } from "vitest";
import { CASSANDRA_DEFAULTS, parseCassandraConfig } from "../../../shared/systems/cassandra";
import { placementOf } from "../../../shared/systems/cassandra/config";

describe("cassandra settings", () => {
  it("default to cassandra.yaml's values", () => {
    const cfg = parseCassandraConfig({});
    expect(cfg).toEqual({ ...CASSANDRA_DEFAULTS });
    expect(cfg.numTokens).toBe(16);
    expect(cfg.phiConvictThreshold).toBe(8);
    expect(cfg.maxHintWindowMs).toBe(3 * 3600 * 1000);
    expect(cfg.readTimeoutMs).toBe(5000);
  });

  it("refuse a misspelt setting, a wrong value and ANY for reads, naming what was wrong", () => {
    expect(() => parseCassandraConfig({ numToken: 4 })).toThrow(/cassandra has no setting "numToken"/);
    expect(() => parseCassandraConfig({ readConsistency: "MOST" })).toThrow(/readConsistency must be one of/);
    expect(() => parseCassandraConfig({ readConsistency: "ANY" })).toThrow(/only supported for writes/);
    expect(() => parseCassandraConfig({ replication: { class: "SimpleStrategy", rf: 0 } })).toThrow(/replication factor from 1 to 9/);
    expect(() => parseCassandraConfig({ replication: { class: "NetworkTopologyStrategy" } })).toThrow(/needs "dcs"/);
  });

  it("place a node the topology names where it says, a new one on the emptiest rack, and anyone in datacenter1/rack1 without a topology", () => {
    const cfg = parseCassandraConfig({
      topology: { n1: { dc: "dc1", rack: "r1" }, n2: { dc: "dc1", rack: "r1" }, n3: { dc: "dc2", rack: "r1" } },
    });
    expect(placementOf(cfg, "n1")).toEqual({ dc: "dc1", rack: "r1" });
    expect(placementOf(cfg, "n7")).toEqual({ dc: "dc2", rack: "r1" });
    expect(placementOf(parseCassandraConfig({}), "n7")).toEqual({ dc: "datacenter1", rack: "rack1" });
  });
});
