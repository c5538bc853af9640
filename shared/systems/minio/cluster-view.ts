// The whole cluster seen from outside (metrics, invariants, the picture): every object's newest version and, for
// each of its shards, whether the drive meant to hold it has it intact. This is the oracle's view — it reads every
// drive, up or down, and verifies bitrot hashes itself — so it can say what the servers have not noticed yet.

import type { NodeId, SystemNode } from "../../sim/types";
import { fromHex, readShardFile } from "./codec";
import { own, type ShardMeta } from "./drive";
import { type DriveRef, placementOf } from "./layout";
import { MinioNode } from "./node";
import { readQuorum } from "./quorum";

export interface ClusterReader {
  readonly nodes: readonly NodeId[];
  isUp(node: NodeId): boolean;
  node(id: NodeId): SystemNode | undefined;
}

/** A shard staged in .minio.sys/tmp by a put that is renaming it into place counts as where it will be. */
export type ShardState = "intact" | "corrupt" | "missing" | "stale" | "failed-drive" | "server-down";

export interface ObjectView {
  object: string;
  version: ShardMeta;
  /** Per shard index: the drive meant to hold it and what is there. */
  shards: { drive: DriveRef; state: ShardState }[];
  intact: number;
  /** Intact shards on running servers: what a read could use now. */
  readable: number;
}

export function minioNodes(view: ClusterReader): MinioNode[] {
  return view.nodes.map((id) => view.node(id)).filter((n): n is MinioNode => n instanceof MinioNode);
}

/** Bitrot verdicts, cached per shard file (a file is replaced, never changed in place). */
const verdicts = new WeakMap<MinioNode, Map<string, { file: string; ok: boolean }>>();

function intact(node: MinioNode, drive: string, object: string, file: string, meta: ShardMeta): boolean {
  let cache = verdicts.get(node);
  if (!cache) verdicts.set(node, (cache = new Map()));
  const key = `${drive}\u0000${object}`;
  const known = cache.get(key);
  if (known && known.file === file) return known.ok;
  const ok = readShardFile(fromHex(file), meta.blockSize, meta.data) !== null;
  cache.set(key, { file, ok });
  return ok;
}

/**
 * An object's current version: the newest one whose shard files are on at least its read quorum of drives (intact
 * or not: rot does not make a version older), else the newest one anywhere (a version being written, or one that
 * failures have cut below quorum — then it is the one that is lost).
 */
function currentVersion(holders: Map<string, { meta: ShardMeta; drives: number; committed: number }>): ShardMeta | undefined {
  // A version only staged so far (its put has not renamed a shard into place anywhere) does not exist yet.
  const newestFirst = [...holders.values()].filter((h) => h.committed > 0).sort((a, b) => b.meta.modTime - a.meta.modTime || (a.meta.version < b.meta.version ? 1 : -1));
  const quorate = newestFirst.find((h) => h.drives >= readQuorum(h.meta.data + h.meta.parity, h.meta.parity));
  return (quorate ?? newestFirst[0])?.meta;
}

/** The last answer per cluster, with the drive revisions and server states it was computed from. */
const lastViews = new WeakMap<object, { signature: string; views: ObjectView[] }>();

export function objectViews(view: ClusterReader): ObjectView[] {
  const nodes = minioNodes(view);
  // Metrics ask every 50 ms; between two changes to any drive (or a server going up or down) the answer is the same.
  const owner = nodes[0] ?? view;
  const signature = nodes.map((n) => `${n.id}:${view.isUp(n.id) ? 1 : 0}:${[...n.drives.values()].map((d) => `${d.generation}.${d.rev}`).join(",")}`).join(";");
  const known = lastViews.get(owner);
  if (known && known.signature === signature) return known.views;
  const views = computeViews(view, nodes);
  lastViews.set(owner, { signature, views });
  return views;
}

function computeViews(view: ClusterReader, nodes: MinioNode[]): ObjectView[] {
  const byServer = new Map(nodes.map((n) => [n.id, n]));
  const versions = new Map<string, Map<string, { meta: ShardMeta; drives: number; committed: number }>>();
  for (const n of nodes) {
    for (const d of n.drives.values()) {
      // Shards staged by a put that is renaming them into place count as there: the rename is a moment away.
      const staged = Object.values(d.tmp).map((t) => [t.object, t.shard, 0] as const);
      const committed = Object.entries(d.objects).map(([o, shard]) => [o, shard, 1] as const);
      for (const [object, shard, isCommitted] of [...committed, ...staged]) {
        let held = versions.get(object);
        if (!held) versions.set(object, (held = new Map()));
        const h = held.get(shard.meta.version);
        if (h) {
          h.drives++;
          h.committed += isCommitted;
        } else held.set(shard.meta.version, { meta: shard.meta, drives: 1, committed: isCommitted });
      }
    }
  }
  const layoutOwner = nodes[0];
  if (!layoutOwner) return [];
  const out: ObjectView[] = [];
  for (const object of [...versions.keys()].sort()) {
    const version = currentVersion(versions.get(object) as Map<string, { meta: ShardMeta; drives: number; committed: number }>);
    if (!version) continue;
    // The object's pool is the one whose drives hold its current version.
    const pools = layoutOwner.pools;
    const holder = nodes.find((n) => [...n.drives.values()].some((d) => own(d.objects, object)?.meta.version === version.version || Object.values(d.tmp).some((t) => t.object === object && t.shard.meta.version === version.version)));
    const pool = pools.find((p) => p.drives.some((d) => d.server === holder?.id)) ?? pools[0];
    const { shards } = placementOf(pool, object, layoutOwner.cfg.deploymentId);
    const states = shards.map((drive) => {
      const server = byServer.get(drive.server);
      const d = server?.drives.get(drive.id);
      let state: ShardState;
      if (!server || !d || d.state === "failed") state = "failed-drive";
      else {
        const committed = own(d.objects, object);
        const shard =
          committed?.meta.version === version.version
            ? committed
            : (Object.values(d.tmp).find((t) => t.object === object && t.shard.meta.version === version.version)?.shard ?? committed);
        if (!shard) state = "missing";
        else if (shard.meta.version !== version.version) state = "stale";
        else if (!intact(server, drive.id, object, shard.file, shard.meta)) state = "corrupt";
        else state = view.isUp(drive.server) ? "intact" : "server-down";
      }
      return { drive, state };
    });
    const good = states.filter((s) => s.state === "intact" || s.state === "server-down").length;
    const readable = states.filter((s) => s.state === "intact").length;
    out.push({ object, version, shards: states, intact: good, readable });
  }
  return out;
}
