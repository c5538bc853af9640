import { schema, t, type SchemaType } from "@colyseus/schema";

/** One line of the event log, in plain words. */
export const FeedEntry = schema(
  {
    t: t.uint32().default(0),
    kind: t.string().default(""),
    text: t.string().default(""),
  },
  "FeedEntry",
);
export type FeedEntry = SchemaType<typeof FeedEntry>;
