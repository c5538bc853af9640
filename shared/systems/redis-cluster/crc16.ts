// CRC16 as Redis Cluster computes it (src/crc16.c): CRC-16/XMODEM — polynomial 0x1021, initial value 0, no
// reflection, no final xor. Its check value for "123456789" is 0x31C3 (FACTS §1.1). Table-driven, as Redis is.

const TABLE: Uint16Array = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i << 8;
    for (let b = 0; b < 8; b++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    t[i] = crc;
  }
  return t;
})();

/** CRC16/XMODEM of raw bytes (from `start` to `end`, exclusive). */
export function crc16(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0;
  for (let i = start; i < end; i++) crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ bytes[i]) & 0xff];
  return crc;
}
