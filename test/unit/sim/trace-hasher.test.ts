import { afterEach, describe, expect, it } from "vitest";
import { useNodeTraceHasher } from "../../../server/node-trace-hasher";
import { Round } from "../../../shared/levels/round";
import { Sha256 } from "../../../shared/sim/sha256";
import { createTraceHasher, useTraceHasher } from "../../../shared/sim/trace-hasher";
import { readLevelFile } from "../../../server/tools/level-file";
import { echoSim } from "./echo-system";

/** A busy echo run, its trace hash read mid-run and at the end (the trace keeps hashing after a read). */
function echoHashes(seed: number): string[] {
  const { sim } = echoSim({
    nodes: ["n1", "n2", "n3"],
    config: { tickMs: 50, tickJitterMs: 20, slowMs: 30 },
    network: { latencyMs: 3, jitterMs: 4, loss: 0.01, duplicate: 0.01 },
    seed,
  });
  sim.startWorkload({ clients: 3, rate: 40, keys: ["a", "b"], mix: { read: 1, write: 1, slow: 1 }, timeoutMs: 200 });
  const hashes = [sim.traceHash()];
  sim.runUntil(700);
  hashes.push(sim.traceHash());
  sim.apply({ type: "crash", node: "n2" });
  sim.runUntil(2000);
  hashes.push(sim.traceHash());
  return hashes;
}

function levelHash(file: string, seed: number): string {
  const level = readLevelFile(new URL(`../../../levels/${file}.json`, import.meta.url).pathname);
  const round = new Round({ level, seed, chaos: "random" });
  round.advanceTo(20_000);
  return round.sim.traceHash();
}

describe("trace hasher", () => {
  afterEach(() => useTraceHasher(undefined));

  it("node:crypto's SHA-256 gives the server the same trace hashes as the browser's plain TypeScript one", () => {
    const plain = [echoHashes(3), levelHash("etcd/leader-election", 4)];
    useNodeTraceHasher();
    const native = [echoHashes(3), levelHash("etcd/leader-election", 4)];
    expect(native).toEqual(plain);
    // And a different run still gives a different hash under it.
    expect(echoHashes(4)).not.toEqual(plain[0]);
  });

  it("hashes bytes fed in any pieces as one SHA-256 of them all, readable mid-stream", () => {
    useNodeTraceHasher();
    const native = createTraceHasher();
    const plain = new Sha256();
    const bytes = new Uint8Array(300).map((_, i) => (i * 31) & 255);
    for (const [from, to] of [[0, 0], [0, 7], [7, 70], [70, 200], [200, 300]]) {
      native.updateBytes(bytes.slice(from, to), to - from);
      plain.updateBytes(bytes.slice(from, to), to - from);
      expect(native.digestHex()).toBe(plain.digestHex());
    }
    // Only the first `length` bytes of a buffer count.
    native.updateBytes(new Uint8Array([1, 2, 3, 4]), 2);
    plain.updateBytes(new Uint8Array([1, 2]));
    expect(native.digestHex()).toBe(plain.digestHex());
  });

  it("refuses a hasher factory that is not a function, and keeps the one it had", () => {
    expect(() => useTraceHasher("sha256" as never)).toThrow(/useTraceHasher needs a function/);
    expect(createTraceHasher()).toBeInstanceOf(Sha256);
  });
});
