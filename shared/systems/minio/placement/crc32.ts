// CRC-32/IEEE (the zip/Ethernet CRC: reflected polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF), which is Go's
// crc32.ChecksumIEEE / crc32.Checksum(b, crc32.IEEETable). MinIO hashes object names with it twice: the legacy
// "CRCMOD" set choice (cmd/erasure-sets.go crcHashMod, below) and the shard-to-drive rotation of every object
// (cmd/erasure-metadata-utils.go hashOrder). Strings are hashed as their UTF-8 bytes, as Go's []byte(key) does.

const TABLE = new Int32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  TABLE[n] = c;
}

const encoder = new TextEncoder();

/** CRC-32/IEEE of bytes, as an unsigned 32-bit number. */
export function crc32Bytes(bytes: Uint8Array): number {
  let crc = -1;
  for (let i = 0; i < bytes.length; i++) crc = TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

/** CRC-32/IEEE of a string's UTF-8 encoding, as an unsigned 32-bit number. */
export function crc32(text: string): number {
  return crc32Bytes(encoder.encode(text));
}

/** cmd/erasure-sets.go crcHashMod: CRC-32/IEEE of the key modulo the number of sets (the legacy CRCMOD layout). */
export function crcHashMod(key: string, cardinality: number): number {
  // MinIO returns -1 for cardinality <= 0; here that is a caller's error, said in words.
  if (!Number.isSafeInteger(cardinality) || cardinality < 1) throw new RangeError(`the number of erasure sets must be a whole number >= 1, got ${cardinality}`);
  return crc32(key) % cardinality;
}
