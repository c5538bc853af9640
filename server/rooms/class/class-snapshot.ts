// What a class writes so that a restarted server can bring it back (class-record.ts stores it, ClassRoom builds it
// and restores from it): the seating, the groups and their game codes, the open question with its votes, and the
// counters that name new students, groups and questions. Rejoin tokens appear only as hashes, so the database alone
// lets nobody come back as a student or as the teacher. Read back through a schema: a snapshot written by another
// version, or damaged, is refused with the reason instead of half restoring a class.

import { z } from "zod";
import { ClassMode, ClassRole } from "../../../shared/protocol/class-messages";
import { describeIssues } from "../../../shared/protocol/messages";

const count = z.number().int().min(0);

export const SnapshotStudent = z.object({
  id: z.string().regex(/^s[0-9]+$/),
  name: z.string().min(1),
  host: z.boolean(),
  team: z.string(),
  /** The teacher chose the team: it no longer follows the role. */
  teamChosen: z.boolean(),
  group: z.string(),
  /** A ClassRole, or "host" for the teacher while they only host. */
  role: z.union([ClassRole, z.literal("host")]),
  node: z.string(),
  /** SHA-256 of the student's rejoin token (store/rejoin.ts hashToken). */
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** Actions taken in their group's game so far (a restored game counts from zero again). */
  actions: count,
});
export type SnapshotStudent = z.infer<typeof SnapshotStudent>;

export const SnapshotPoll = z.object({
  id: z.string(),
  /** The poll's row in the store's polls table (its votes and result are recorded there too). */
  storedId: z.number().int(),
  question: z.string(),
  choices: z.array(z.string()).min(2),
  open: z.boolean(),
  revealed: z.boolean(),
  /** studentId -> chosen choice. */
  votes: z.record(z.string(), count),
});
export type SnapshotPoll = z.infer<typeof SnapshotPoll>;

export const ClassSnapshot = z.object({
  version: z.literal(1),
  seed: z.number().int().min(0),
  mode: ClassMode,
  groupSize: z.number().int().min(1),
  locked: z.boolean(),
  allowChoice: z.boolean(),
  spotlight: z.string(),
  next: z.object({ student: z.number().int().min(1), group: z.number().int().min(1), poll: z.number().int().min(1) }),
  /** The node count of the one large cluster grown for the class; 0 when the level's own nodes are the seats. */
  wholeNodes: count,
  students: z.array(SnapshotStudent),
  /** The groups in order, each with its game's join code (the stored game the restore brings back). */
  groups: z.array(z.object({ id: z.string().regex(/^g[0-9]+$/), gameCode: z.string() })),
  poll: SnapshotPoll.optional(),
});
export type ClassSnapshot = z.infer<typeof ClassSnapshot>;

/** The stored text as a snapshot, or why it cannot be one. */
export function readSnapshot(text: string | null): ClassSnapshot | string {
  if (text === null) return "the class never wrote what brings it back";
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return "its stored snapshot is not JSON";
  }
  const parsed = ClassSnapshot.safeParse(json);
  if (!parsed.success) return `its stored snapshot does not fit this server: ${describeIssues(parsed.error)}`;
  return parsed.data;
}
