// A round's replay file and playing it back: the level, the seed and the round's journal (shared/levels/journal.ts),
// as the host exports it and as a restarted server brings a round back.

import { growCluster } from "../../shared/levels/class-cluster";
import { type JournalEntry, replayJournal } from "../../shared/levels/journal";
import { Round } from "../../shared/levels/round";
import type { Level } from "../../shared/levels/schema";

/** The chaos mode of every room round (and so of every replay). */
export const ROOM_CHAOS = "level" as const;

/** A round's replay file (GET /api/rooms/:code/rounds/:n/replay.json): the level, the seed and the journal. */
export interface ReplayFile {
  format: "split-brain-replay";
  version: 1;
  room: string;
  round: number;
  level: string;
  seed: number;
  /**
   * Present when a class grew the level's cluster for this round (shared/levels/class-cluster.ts): the node count
   * it was played with. Absent: the level's own.
   */
  nodes?: number;
  chaos: typeof ROOM_CHAOS;
  /** How far the round ran: replay to here. */
  simTimeMs: number;
  /** What the round came to when it was recorded ("unfinished" for one still running or restarted). */
  outcome: "won" | "lost" | "unfinished";
  /** The trace hash of the recorded round at simTimeMs; "" if it had not ended when exported. */
  traceHash: string;
  inputs: JournalEntry[];
}

/**
 * Plays a replay file: the round it describes, at its simTimeMs. `level` must be the file's level, as authored: a
 * round a class played on a grown cluster is grown here again (growCluster refuses a count the level does not allow).
 */
export function playReplay(level: Level, file: ReplayFile): Round {
  if (level.id !== file.level) throw new Error(`the replay is of level ${file.level}, not ${level.id}`);
  const played = file.nodes === undefined ? level : growCluster(level, file.nodes);
  const round = new Round({ level: played, seed: file.seed, chaos: file.chaos });
  replayJournal(round, file.inputs, file.simTimeMs);
  return round;
}
