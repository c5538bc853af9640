// FACTS §7.1 and vectors/minio_quorum_table.json (a verbatim copy of ../shared/fidelity/vectors/): default parity,
// read and write quorums for erasure sets of 1..16 drives (storageclass DefaultParityBlocks; cmd/erasure.go
// defaultRQuorum/defaultWQuorum; cmd/erasure-metadata.go objectQuorumFromMeta).

import { describe, expect, it } from "vitest";
import { dataShards, quorumRow, readQuorum, writeQuorum } from "../../shared/systems/minio/quorum";
import { defaultParity } from "../../shared/systems/minio/storage-class";
import table from "./vectors/minio_quorum_table.json";

describe("quorum table for set sizes 1..16 at the default parity", () => {
  it("has every set size from 1 to 16", () => {
    expect(table.map((row) => row.setDriveCount)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  });

  it.each(table)("$setDriveCount drives: EC:$defaultParity, read $readQuorum, write $writeQuorum", (row) => {
    const n = row.setDriveCount;
    expect(defaultParity(n)).toBe(row.defaultParity);
    expect(dataShards(n, row.defaultParity)).toBe(row.dataShards);
    expect(readQuorum(n, row.defaultParity)).toBe(row.readQuorum);
    expect(writeQuorum(n, row.defaultParity)).toBe(row.writeQuorum);
    const computed = quorumRow(n);
    expect({ ...computed, storageEfficiency: Math.round(computed.storageEfficiency * 10000) / 10000 }).toEqual(row);
  });
});

describe("quorum at any parity MinIO allows (up to half the set)", () => {
  it("reads need the data shards; writes need one more only when data equals parity", () => {
    for (let n = 2; n <= 16; n++) {
      for (let parity = 0; parity <= Math.floor(n / 2); parity++) {
        const data = n - parity;
        expect(readQuorum(n, parity)).toBe(data);
        expect(writeQuorum(n, parity)).toBe(data === parity ? data + 1 : data);
        // Two disjoint groups of drives can never both reach write quorum: no split brain.
        expect(2 * writeQuorum(n, parity)).toBeGreaterThan(n);
      }
    }
  });

  it("refuses a parity that leaves no data shard", () => {
    expect(() => readQuorum(4, 4)).toThrow(/parity must be a whole number from 0 to 3/);
    expect(() => writeQuorum(0, 0)).toThrow(/at least one drive/);
  });
});
