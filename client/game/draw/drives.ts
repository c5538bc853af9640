// A MinIO server's drives and an object's shards as the room projects them, read without Phaser so the overlay (node
// table, object list, node panel) and the drive-rack picture say the same thing.

export interface DriveSlot {
  number: number;
  state: string;
  shards: number;
}

/** A node's drives as the room projects them: "state:shards" per drive in drive order. */
export function parseDrives(text: string): DriveSlot[] {
  if (!text) return [];
  return text.split(",").map((entry, i) => {
    const [state, shards] = entry.split(":");
    return { number: i + 1, state: state ?? "", shards: Number(shards ?? 0) || 0 };
  });
}

export interface ShardMark {
  /** "D2" or "P1". */
  label: string;
  parity: boolean;
  /** intact | corrupt | missing | stale | failed-drive | server-down */
  state: string;
}

/** What a copy's value says about its shard: "data 2: intact" -> D2, intact. */
export function shardMark(value: string): ShardMark | null {
  const m = /^(data|parity) (\d+): ([a-z-]+)$/.exec(value);
  if (!m) return null;
  return { label: `${m[1] === "data" ? "D" : "P"}${m[2]}`, parity: m[1] === "parity", state: m[3] };
}

/** The symbol for a shard's state: never colour alone. */
export function stateSymbol(state: string): string {
  if (state === "intact") return "✓";
  if (state === "corrupt") return "⚠";
  return "○";
}
