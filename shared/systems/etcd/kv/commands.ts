// The commands etcd's server puts in the Raft log, and what applying one does to the store. Applying is a pure
// function of the store and the command, so every member that applies the same log reaches the same store.

import type { KeyValue, MvccStore } from "./mvcc";

/** Who proposed a command: the member that received the client request, and the kernel's request id. */
export interface RequestRef {
  origin: string;
  request: number;
}

export type KvCommand = RequestRef &
  (
    | { op: "put"; key: string; value: unknown }
    | { op: "delete"; key: string }
    /** A Txn: If(value(key) == expected) Then(put key new). `expected` null means "the key is absent". */
    | { op: "cas"; key: string; expected: unknown; value: unknown }
  );

export type KvResult =
  | { ok: true; revision: number; prev?: KeyValue }
  | { ok: false; revision: number; reason: string };

export function isKvCommand(data: unknown): data is KvCommand {
  if (typeof data !== "object" || data === null) return false;
  const d = data as Record<string, unknown>;
  return (d.op === "put" || d.op === "delete" || d.op === "cas") && typeof d.key === "string" && typeof d.origin === "string" && typeof d.request === "number";
}

/** The identity under which a command is applied at most once, even if the network delivered its proposal twice. */
export function requestKey(ref: RequestRef): string {
  return `${ref.origin}#${ref.request}`;
}

export function applyCommand(store: MvccStore, cmd: KvCommand): KvResult {
  switch (cmd.op) {
    case "put": {
      const r = store.put(cmd.key, cmd.value);
      return { ok: true, revision: r.revision, prev: r.prev };
    }
    case "delete":
      return { ok: true, revision: store.delete(cmd.key).revision };
    case "cas": {
      const compare =
        cmd.expected === null
          ? { target: "version" as const, key: cmd.key, op: "=" as const, value: 0 }
          : { target: "value" as const, key: cmd.key, op: "=" as const, value: cmd.expected };
      const r = store.txn([compare], [{ type: "put", key: cmd.key, value: cmd.value }], [{ type: "get", key: cmd.key }]);
      if (r.succeeded) return { ok: true, revision: r.revision };
      const current = store.get(cmd.key);
      const saw = current ? JSON.stringify(current.value) : "no value";
      return { ok: false, revision: r.revision, reason: `compare failed: ${cmd.key} holds ${saw}, not ${JSON.stringify(cmd.expected)}` };
    }
  }
}
