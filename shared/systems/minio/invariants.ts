// Safety properties of MinIO's storage, checked after every event:
//
//   shards-consistent   every intact shard of an object version is exactly the shard the erasure code gives for
//                       that object: what a put writes and what a heal rebuilds agree byte for byte, so a read that
//                       rebuilds from any `data` intact shards returns the bytes that were put, never others.
//
// Incremental: it follows the drives of the servers that changed, and checks again only the versions whose shard
// files changed.

import type { Invariant, InvariantView } from "../../sim/types";
import { minioNodes } from "./cluster-view";
import { fromHex, readShardFile, rebuildShards, toHex } from "./codec";
import type { ShardMeta } from "./drive";

interface Held {
  version: string;
  file: string;
}

function shardsConsistent(): Invariant {
  /** What each drive held when last looked at: object -> version and file. */
  const drives = new Map<string, Map<string, Held>>();
  /** The revision of each drive when last looked at (a failed or replaced drive is a new object: also a change). */
  const revs = new Map<string, { drive: object; rev: number }>();
  /**
   * Per version ("object@version"): its meta, the intact shard files by index, the shard files the erasure code
   * gives for it (rebuilt once, from the first `data` intact shards seen).
   */
  const versions = new Map<
    string,
    { meta: ShardMeta; files: Map<number, { drive: string; file: string }>; expected?: string[] }
  >();

  const forget = (drive: string, object: string, held: Held) => {
    const v = versions.get(`${object}@${held.version}`);
    if (!v) return;
    for (const [i, f] of v.files) if (f.drive === drive) v.files.delete(i);
    if (v.files.size === 0) versions.delete(`${object}@${held.version}`);
  };

  return {
    name: "shards-consistent",
    check(view: InvariantView): string[] {
      const changed = new Set(view.changed ?? view.nodes);
      const dirty = new Set<string>();
      for (const n of minioNodes(view)) {
        if (!changed.has(n.id)) continue;
        for (const d of n.drives.values()) {
          const last = revs.get(d.id);
          if (last && last.drive === d && last.rev === d.rev) continue;
          revs.set(d.id, { drive: d, rev: d.rev });
          let seen = drives.get(d.id);
          if (!seen) drives.set(d.id, (seen = new Map()));
          const now = d.state === "ok" ? d.objects : {};
          for (const [object, held] of seen) {
            const shard = Object.hasOwn(now, object) ? now[object] : undefined;
            if (shard && shard.file === held.file && shard.meta.version === held.version) continue;
            forget(d.id, object, held);
            seen.delete(object);
            dirty.add(`${object}@${held.version}`);
          }
          for (const [object, shard] of Object.entries(now)) {
            if (seen.has(object)) continue;
            seen.set(object, { version: shard.meta.version, file: shard.file });
            const id = `${object}@${shard.meta.version}`;
            dirty.add(id);
            if (readShardFile(fromHex(shard.file), shard.meta.blockSize, shard.meta.data) === null) continue;
            let v = versions.get(id);
            if (!v) versions.set(id, (v = { meta: shard.meta, files: new Map() }));
            v.files.set(shard.meta.index, { drive: d.id, file: shard.file });
          }
        }
      }
      const problems: string[] = [];
      for (const id of dirty) {
        const v = versions.get(id);
        if (!v || (v.expected === undefined && v.files.size <= v.meta.data)) continue;
        if (v.expected === undefined) {
          // Rebuild from the `data` lowest-numbered intact shards; every intact shard must then be what was rebuilt.
          const basis = [...v.files.keys()].sort((a, b) => a - b).slice(0, v.meta.data);
          const streams = Array.from({ length: v.meta.data + v.meta.parity }, (_, i) => {
            const f = basis.includes(i) ? v.files.get(i) : undefined;
            return f ? readShardFile(fromHex(f.file), v.meta.blockSize, v.meta.data) : null;
          });
          v.expected = rebuildShards(streams, v.meta.data, v.meta.parity, v.meta.size, v.meta.blockSize).map(toHex);
        }
        for (const [index, f] of v.files) {
          if (v.expected[index] !== f.file) {
            problems.push(`${id}: shard ${index + 1} on ${f.drive} passes its bitrot check but is not the shard the erasure code gives`);
          }
        }
      }
      return problems;
    },
  };
}

export function minioInvariants(): Invariant[] {
  return [shardsConsistent()];
}
