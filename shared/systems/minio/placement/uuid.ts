// A deployment id as MinIO holds it: the 16 bytes of a UUID (cmd/format-erasure.go stores `id` as text; the object
// layer keeps uuid.MustParse(id) as a [16]byte). The bytes are the UUID's hex digits in the order written, as Go's
// github.com/google/uuid Parse produces them. sipHashMod keys SipHash with these bytes (set-hash.ts).

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The 16 bytes of a UUID written as 8-4-4-4-12 hex digits. Throws on anything else. */
export function uuidBytes(text: string): Uint8Array {
  if (!UUID_TEXT.test(text)) throw new RangeError(`a deployment id must be a UUID like f5c58c61-7175-4018-ab5e-a94fe9c2de4e, got "${text}"`);
  const hex = text.replace(/-/g, "");
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** 16 bytes as UUID text, lowercase. A version-4 id needs its version and variant bits set by the caller. */
export function uuidText(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new RangeError(`a UUID is 16 bytes, got ${bytes.length}`);
  let hex = "";
  for (const b of bytes) hex += b.toString(16).padStart(2, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A random (version 4) UUID from 32-bit random words, e.g. four calls of the simulation's Rng.next(): how a fresh
 * deployment gets its id (MinIO mustGetUUID at format time) without Math.random.
 */
export function uuidV4FromWords(words: readonly [number, number, number, number]): string {
  const bytes = new Uint8Array(16);
  for (let w = 0; w < 4; w++) for (let b = 0; b < 4; b++) bytes[w * 4 + b] = (words[w] >>> (24 - 8 * b)) & 0xff;
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return uuidText(bytes);
}
