// What a Raft member keeps across a crash (etcd's WAL and snapshot, hashicorp/raft's log store): its hard state
// (term, vote, commit), its log and its membership. Every system that runs Raft saves exactly this and hands it
// back as the storage of the member it restarts.

import type { RaftConf } from "./confchange";
import type { Raft, RaftStorage } from "./raft";
import type { Entry, HardState } from "./types";

export interface RaftDurable {
  hardState: HardState;
  log: Entry[];
  conf: RaftConf;
}

/** The member's durable state now (plain data: the kernel deep-copies it at a crash). */
export function raftDurable(raft: Raft): RaftDurable {
  return { hardState: raft.hardState(), log: raft.log.all(), conf: raft.conf };
}

/** The storage a restarted member starts from. */
export function raftStorage(durable: RaftDurable): RaftStorage {
  return { hardState: durable.hardState, entries: durable.log, conf: durable.conf };
}
