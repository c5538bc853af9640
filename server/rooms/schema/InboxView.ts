import { schema, t, type SchemaType } from "@colyseus/schema";

/** One message waiting to reach a node, in detail: what it says, not only its kind. */
export const InboxEntry = schema(
  {
    id: t.string().default(""),
    from: t.string().default(""),
    kind: t.string().default(""),
    arriveAt: t.uint32().default(0),
    /** The message's fields in plain words, e.g. "term 3, last log index 7 (term 2)". */
    text: t.string().default(""),
  },
  "InboxEntry",
);
export type InboxEntry = SchemaType<typeof InboxEntry>;

/**
 * What only the player of one node sees (sent through a StateView): the messages on their way to it and the
 * node's private state (its vote, its timers, ...).
 */
export const InboxView = schema(
  {
    node: t.string().default(""),
    /** The node's private detail as name/value lines, e.g. "votedFor: n2". */
    detail: t.array("string"),
    messages: t.map(InboxEntry),
  },
  "InboxView",
);
export type InboxView = SchemaType<typeof InboxView>;
