import { schema, t, type SchemaType } from "@colyseus/schema";

/** A directed link that differs from the level's default network (a symmetric cut is two rows). */
export const LinkView = schema(
  {
    from: t.string().default(""),
    to: t.string().default(""),
    cut: t.boolean().default(false),
    latencyMs: t.uint32().default(0),
    loss: t.float32().default(0),
  },
  "LinkView",
);
export type LinkView = SchemaType<typeof LinkView>;
