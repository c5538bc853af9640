import { schema, t, type SchemaType } from "@colyseus/schema";

/** A person in the room. `host` is separate from `role`: the host keeps the controls whatever role they play. */
export const PlayerView = schema(
  {
    sessionId: t.string().default(""),
    name: t.string().default(""),
    role: t.string().default("spectator"),
    /** The node a node player is; "" for other roles. */
    node: t.string().default(""),
    connected: t.boolean().default(true),
    host: t.boolean().default(false),
  },
  "PlayerView",
);
export type PlayerView = SchemaType<typeof PlayerView>;
