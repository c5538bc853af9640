import { describe, expect, it } from "vitest";
import { Rng } from "../../../shared/sim";
import { nextEtcdOp } from "../../../shared/systems/etcd";

const spec = { clients: 2, rate: 5, keys: ["a", "b"], mix: { read: 1, write: 1, cas: 1 }, timeoutMs: 1000 };

describe("etcd workload operations", () => {
  it("draws reads, writes and swaps in the mix, on the level's keys, with values unique per key", () => {
    const rng = new Rng(3);
    const seen = new Map<string, Set<unknown>>();
    const counts: Record<string, number> = {};
    for (let i = 0; i < 3000; i++) {
      const op = nextEtcdOp(rng, spec, i);
      counts[op.f] = (counts[op.f] ?? 0) + 1;
      expect(spec.keys).toContain(op.key);
      if (op.f === "read") expect(op.value).toBeUndefined();
      const written = op.f === "write" ? op.value : op.f === "cas" ? (op.value as unknown[])[1] : undefined;
      if (written === undefined) continue;
      const values = seen.get(op.key as string) ?? new Set();
      expect(values.has(written)).toBe(false);
      values.add(written);
      seen.set(op.key as string, values);
      if (op.f === "cas") expect((op.value as unknown[])[0] === null || (op.value as number[])[0] < i).toBe(true);
    }
    for (const f of ["read", "write", "cas"]) expect(counts[f]).toBeGreaterThan(800);
  });

  it("follows the weights", () => {
    const rng = new Rng(4);
    let reads = 0;
    for (let i = 0; i < 2000; i++) if (nextEtcdOp(rng, { ...spec, mix: { read: 9, write: 1 } }, i).f === "read") reads++;
    expect(reads).toBeGreaterThan(1700);
  });

  it("refuses a mix that names operations etcd clients do not do", () => {
    expect(() => nextEtcdOp(new Rng(1), { ...spec, mix: { read: 1, send: 1 } }, 0)).toThrow("etcd clients do read, write, cas; the workload mix also names send");
  });
});
