// What MinIO servers send each other (the kernel carries them; `kind` names them on screen). Every request that a
// server makes of another's drives carries the operation id `op`, and comes back as a `reply`. Shard files travel
// as hex (message bodies are plain JSON in the trace).

import type { ShardFile, ShardMeta } from "./drive";
import type { StorageConfig } from "./node";

export type DriveRequest =
  /** Write a shard: into .minio.sys/tmp under `upload` (a put), or straight into place (a heal). */
  | { kind: "shard-write"; op: number; drive: string; object: string; upload?: string; shard: ShardFile }
  /** renameData: move an upload's shard into place. */
  | { kind: "commit"; op: number; drive: string; upload: string }
  /** Read xl.meta of an object on some of this server's drives. */
  | { kind: "meta-read"; op: number; object: string; drives: string[]; free?: boolean }
  /** Read the shard file of one version of an object. */
  | { kind: "shard-read"; op: number; drive: string; object: string; version: string }
  /** List the objects on some of this server's drives (healing walks them). */
  | { kind: "list"; op: number; drives: string[] }
  /** Take a namespace lock on this server's locker (dsync): `uid` names the holder. */
  | { kind: "lock"; op: number; resource: string; uid: string; write: boolean };

export type DriveReply =
  | { kind: "written"; drive: string; error?: string }
  | { kind: "committed"; drive: string; error?: string }
  | { kind: "metas"; entries: { drive: string; meta?: ShardMeta; error?: string; free?: number }[] }
  | { kind: "shard"; drive: string; version?: string; file?: string; error?: string }
  | { kind: "listing"; objects: string[] }
  | { kind: "locked"; uid: string; granted: boolean };

export type MinioMessage =
  | DriveRequest
  | { kind: "reply"; op: number; reply: DriveReply }
  /** Release a namespace lock (no answer: dsync does not wait for unlocks). */
  | { kind: "unlock"; resource: string; uid: string }
  /** A put that missed its write quorum: delete what was staged. */
  | { kind: "abort"; upload: string; drives: string[] }
  /** Disk health checks: is each of these drives online? */
  | { kind: "ping"; drives: string[] }
  | { kind: "pong"; online: string[]; offline: string[] }
  | { kind: "config-pull" }
  | { kind: "config"; config: StorageConfig };
