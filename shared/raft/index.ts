// The pure Raft core, as etcd's raft package: drive it with tick(), step() and ready()/advance(); it never touches a
// clock or a network. etcd runs its members on it; any system with a Raft quorum (a Kafka KRaft controller, Consul's
// servers, CockroachDB's ranges) reuses it.

export { applyConfChange, confChangeProblem, emptyConf, isConfChange, type RaftConf } from "./confchange";
export { type ConflictHint, RaftLog } from "./log";
export { Inflights, Progress, type ProgressState, ProgressTracker } from "./progress";
export { committedIndex, quorumSize, type VoteResult, voteResult } from "./quorum";
export {
  bootstrapStorage,
  type DropReason,
  ERR_CONF_PENDING,
  ERR_NO_LEADER,
  ERR_REMOVED,
  ERR_TRANSFERRING,
  Raft,
  type RaftConfig,
  type RaftEvent,
  type RaftStorage,
} from "./raft";
export { type RaftDurable, raftDurable, raftStorage } from "./durable";
export * from "./types";
export { fromWire, toWire } from "./wire";
