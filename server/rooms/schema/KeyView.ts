import { schema, t, type SchemaType } from "@colyseus/schema";

/** What one replica holds for a key now (merged over its memtable and SSTables). */
export const CopyView = schema(
  {
    node: t.string().default(""),
    /** False when the replica has nothing for this key (then value is "" and writtenAt 0). */
    held: t.boolean().default(false),
    value: t.string().default(""),
    /** The write timestamp of the value it holds (the coordinator's clock, ms; a skewed clock can make it odd). */
    writtenAt: t.number().default(0),
    /**
     * True when another replica of the key holds a newer write (last write wins by timestamp), or this one holds
     * nothing while another holds a value: a read answered by this replica alone returns stale data.
     */
    behind: t.boolean().default(false),
  },
  "CopyView",
);
export type CopyView = SchemaType<typeof CopyView>;

/** Where one of the level's keys lives, for systems that place keys on replicas (Cassandra's token ring). */
export const KeyView = schema(
  {
    key: t.string().default(""),
    /** The key's token (signed 64-bit decimal) on the ring; "" when the system has no ring. */
    token: t.string().default(""),
    /** Replica node ids in placement order, comma separated: the first is the primary. */
    replicas: t.string().default(""),
    /** Key = node id, one per replica. */
    copies: t.map(CopyView),
    /** True when the replicas do not all hold the same newest write. */
    divergent: t.boolean().default(false),
  },
  "KeyView",
);
export type KeyView = SchemaType<typeof KeyView>;
