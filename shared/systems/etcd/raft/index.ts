// The pure Raft core: drive it with tick(), step() and ready()/advance(); it never touches a clock or a network.

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
export * from "./types";
