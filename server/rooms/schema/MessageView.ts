import { schema, t, type SchemaType } from "@colyseus/schema";

/**
 * A protocol message in flight. Sent once when it leaves and removed when it lands: the client animates it
 * from sentAt to arriveAt in simulated time, so the wire carries no per-frame positions.
 */
export const MessageView = schema(
  {
    id: t.string().default(""),
    from: t.string().default(""),
    to: t.string().default(""),
    kind: t.string().default(""),
    sentAt: t.uint32().default(0),
    arriveAt: t.uint32().default(0),
  },
  "MessageView",
);
export type MessageView = SchemaType<typeof MessageView>;
