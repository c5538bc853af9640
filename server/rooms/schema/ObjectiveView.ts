import { schema, t, type SchemaType } from "@colyseus/schema";

/** A level objective ("goal") or losing condition ("lose"), with when it was met. */
export const ObjectiveView = schema(
  {
    id: t.string().default(""),
    text: t.string().default(""),
    kind: t.string().default("goal"),
    met: t.boolean().default(false),
    /** Simulated ms when it was met; -1 until then. */
    atMs: t.int32().default(-1),
  },
  "ObjectiveView",
);
export type ObjectiveView = SchemaType<typeof ObjectiveView>;
