import { schema, t, type SchemaType } from "@colyseus/schema";

/**
 * One partition replica on a Kafka broker, keyed "topic-partition" in its NodeView. Numbers travel as numbers so a
 * growing log costs a few bytes per change, not the whole list again.
 */
export const ReplicaView = schema(
  {
    /** This broker leads the partition. */
    leader: t.boolean().default(false),
    /** Log end offset: the offset the next message appended here gets. */
    leo: t.uint32().default(0),
    /** This replica's view of the high watermark: messages below it are committed and visible to consumers. */
    hw: t.uint32().default(0),
    /** On the leader: the in-sync replicas, comma separated; "" on a follower. */
    isr: t.string().default(""),
  },
  "ReplicaView",
);
export type ReplicaView = SchemaType<typeof ReplicaView>;
