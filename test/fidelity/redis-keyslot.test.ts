// FACTS §1.1–1.2: Redis Cluster's key -> hash slot rule (CRC16/XMODEM of the key or of its hash tag, & 0x3FFF),
// reproduced exactly. The vectors are a verbatim copy of ../shared/fidelity/vectors/redis_keyslot.json (CLUSTER
// KEYSLOT on redis-server 7.0.15), kept here so a clean clone can run this test.

import { describe, expect, it } from "vitest";
import { crc16, keyHashSlotBytes, keySlot, SLOTS } from "../../shared/systems/redis-cluster";

const VECTORS: { key: string; slot: number }[] = [
  { key: "", slot: 0 },
  { key: "foo", slot: 12182 },
  { key: "bar", slot: 5061 },
  { key: "hello", slot: 866 },
  { key: "key", slot: 12539 },
  { key: "123456789", slot: 12739 },
  { key: "user:1000", slot: 1649 },
  { key: "{user1}.a", slot: 8106 },
  { key: "{user1}.b", slot: 8106 },
  { key: "user1", slot: 8106 },
  { key: "{}", slot: 15257 },
  { key: "{}foo", slot: 9500 },
  { key: "foo{}{bar}", slot: 8363 },
  { key: "foo{{bar}}zap", slot: 4015 },
  { key: "{{bar}}", slot: 4015 },
  { key: "foo{bar}{zap}", slot: 5061 },
];

const bytes = (s: string) => new TextEncoder().encode(s);

describe("CRC16/XMODEM", () => {
  it('has the check value 0x31C3 for "123456789"', () => {
    expect(crc16(bytes("123456789"))).toBe(0x31c3);
  });

  it("is 0 for no bytes", () => {
    expect(crc16(new Uint8Array())).toBe(0);
  });
});

describe("CLUSTER KEYSLOT", () => {
  it.each(VECTORS)("$key -> slot $slot, as redis-server 7.0.15 answers", ({ key, slot }) => {
    expect(keySlot(key)).toBe(slot);
  });

  it("uses 16384 slots", () => {
    expect(SLOTS).toBe(16384);
    expect(keySlot("123456789")).toBe(0x31c3 & 0x3fff);
  });
});

describe("hash tags", () => {
  it("hashes only what lies between the first { and the first } after it", () => {
    expect(keySlot("{user1000}.following")).toBe(keySlot("user1000"));
    expect(keySlot("a{b}c{d}")).toBe(keySlot("b"));
    expect(keySlot("foo{bar}}zap")).toBe(keySlot("bar"));
  });

  it("hashes the whole key when the tag is empty or unclosed", () => {
    expect(keyHashSlotBytes(bytes("foo{}{bar}"))).toBe(crc16(bytes("foo{}{bar}")) & 0x3fff);
    expect(keySlot("foo{bar")).toBe(crc16(bytes("foo{bar")) & 0x3fff);
    expect(keySlot("}foo{")).toBe(crc16(bytes("}foo{")) & 0x3fff);
  });

  it("treats a key as its UTF-8 bytes", () => {
    expect(keySlot("ключ")).toBe(crc16(bytes("ключ")) & 0x3fff);
    expect(keySlot("{ключ}x")).toBe(keySlot("ключ"));
  });
});
