// Which copies of a key are behind: a copy is behind when another replica holds a newer write (the highest write
// time wins, as last-write-wins reads resolve it), or holds nothing while another holds a value. One rule for the
// screen (which replica to mark stale) and for the systems' metrics (keys whose replicas disagree).

import type { KeyPlacement } from "./types";

/** Per copy, in the order of `copies`: whether it is behind the newest write any copy holds. */
export function copiesBehind(copies: KeyPlacement["copies"]): boolean[] {
  const newest = newestWrite(copies);
  if (newest === Number.NEGATIVE_INFINITY) return copies.map(() => false);
  return copies.map((c) => c.value === null || (c.writtenAt ?? Number.NEGATIVE_INFINITY) < newest);
}

/** The newest write time any copy holds, or -Infinity when none holds a value. */
export function newestWrite(copies: KeyPlacement["copies"]): number {
  let newest = Number.NEGATIVE_INFINITY;
  for (const c of copies) if (c.value !== null && c.writtenAt !== null && c.writtenAt > newest) newest = c.writtenAt;
  return newest;
}
