// Actions as a level file writes them: a PlayerAction (shared/protocol/actions.ts) whose node fields may also
// name a node by what it is at that moment ("@leader") instead of by id. A script cannot know which node an
// election will pick, so "crash the leader at 5 s" must be said this way; the round resolves the reference
// when the action is due (shared/levels/node-ref.ts).

import { z } from "zod";
import { PlayerAction, type PlayerActionType } from "../protocol/actions";

/** What a node reference may name, besides a plain node id. */
export const NODE_REFS = ["@leader", "@follower", "@up", "@down"] as const;
export type NodeRefName = (typeof NODE_REFS)[number];

export const NODE_REF_WORDS: Record<NodeRefName, string> = {
  "@leader": "the current leader",
  "@follower": "a running node that is not the leader",
  "@up": "a running node",
  "@down": "a crashed node",
};

/** The fields of a PlayerAction that name a node. */
export const NODE_FIELDS = ["node", "from", "to", "via"] as const;

const nodeId = z.string().regex(/^[a-z][a-z0-9-]{0,15}$/, "a node id such as n1");
export const NodeRef = z.union([nodeId, z.enum(NODE_REFS)]).meta({ id: "NodeRef", description: "A node id, or @leader, @follower, @up, @down: the node that is that when the action is due." });

/** A PlayerAction with node fields widened to node references. */
export type LevelAction = PlayerAction extends infer A
  ? A extends PlayerAction
    ? { [K in keyof A]: K extends (typeof NODE_FIELDS)[number] ? (undefined extends A[K] ? string | undefined : string) : A[K] }
    : never
  : never;

/** Every action type, in the protocol's order (for schemas and error messages). */
export const ACTION_TYPES = PlayerAction.options.map((o) => o.shape.type.value) as PlayerActionType[];
export const ActionType = z.enum(ACTION_TYPES as [PlayerActionType, ...PlayerActionType[]]).meta({ id: "ActionType" });

// Built from the protocol's own union so the two vocabularies cannot drift apart.
const levelOptions = PlayerAction.options.map((option) => {
  const shape: Record<string, z.ZodType> = { ...option.shape };
  for (const field of NODE_FIELDS) {
    const current = shape[field];
    if (!current) continue;
    shape[field] = current instanceof z.ZodOptional ? NodeRef.optional() : NodeRef;
  }
  return z.strictObject(shape);
});

export const LevelAction = z.discriminatedUnion(
  "type",
  levelOptions as unknown as [z.ZodObject, ...z.ZodObject[]],
).meta({ id: "LevelAction", description: "A player action (shared/protocol/actions.ts); node fields may be node references." }) as unknown as z.ZodType<LevelAction>;

export function isNodeRef(value: string): value is NodeRefName {
  return (NODE_REFS as readonly string[]).includes(value);
}
