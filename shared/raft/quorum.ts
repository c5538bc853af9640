// Majority arithmetic, with no knowledge of messages or logs. Elections, commits, CheckQuorum and ReadIndex all
// ask the same question ("do enough voters agree?"), so all of them answer it here.

import type { RaftId } from "./types";

export type VoteResult = "won" | "lost" | "pending";

/** Votes needed out of `voters`: a strict majority. */
export function quorumSize(voters: number): number {
  return Math.floor(voters / 2) + 1;
}

/** committedIndex's working array (it only grows to the largest voter count seen). */
const sortScratch: number[] = [];

/**
 * The highest index known to be stored on a majority of `voters`, given each voter's acknowledged index.
 * Sorting the acknowledgements from high to low, the quorum-th one is on at least a quorum of voters.
 */
export function committedIndex(voters: readonly RaftId[], acked: (id: RaftId) => number): number {
  const n = voters.length;
  if (n === 0) return 0;
  // A leader asks after every acknowledgement, so the handful of indexes is insertion-sorted (high to low) into
  // one reused array instead of a fresh map() + sort() each time. `acked` only reads progress; it never calls back.
  const indexes = sortScratch;
  for (let i = 0; i < n; i++) {
    const v = acked(voters[i]);
    let j = i;
    while (j > 0 && indexes[j - 1] < v) {
      indexes[j] = indexes[j - 1];
      j--;
    }
    indexes[j] = v;
  }
  return indexes[quorumSize(n) - 1];
}

/**
 * The outcome of a vote so far: won once a majority said yes, lost once a majority can no longer say yes,
 * pending while the voters who have not answered could still tip it.
 */
export function voteResult(voters: readonly RaftId[], votes: ReadonlyMap<RaftId, boolean>): VoteResult {
  if (voters.length === 0) return "won";
  let yes = 0;
  let missing = 0;
  for (const id of voters) {
    const v = votes.get(id);
    if (v === undefined) missing++;
    else if (v) yes++;
  }
  const q = quorumSize(voters.length);
  if (yes >= q) return "won";
  if (yes + missing >= q) return "pending";
  return "lost";
}
