// The vocabulary of the Raft core: entries, messages, the state that must survive a crash, and the Ready value
// through which the core hands its output to whoever drives it. Everything here is plain data, so a log can be
// saved as a node's durable state and a message can cross the simulated network unchanged.

/** A node id, as the kernel names nodes ("n1", ...). */
export type RaftId = string;

/** The id that means "nobody" (no vote cast, no known leader). */
export const NONE = "";

/** A normal entry carries the application's command (or nothing: a new leader's empty entry). */
export type EntryType = "normal" | "conf";

/** Add or remove one voter. Single-voter changes never need a joint configuration (Raft thesis §4.1). */
export interface ConfChange {
  change: "add" | "remove";
  node: RaftId;
}

/** One log entry. Entries are never mutated once created: truncation replaces them, it never edits them. */
export interface Entry {
  term: number;
  index: number;
  type: EntryType;
  /** The application's command for a normal entry, the ConfChange for a conf entry; undefined when empty. */
  data?: unknown;
}

/** The part of a node's state that Raft requires on stable storage before it answers anyone. */
export interface HardState {
  term: number;
  vote: RaftId;
  commit: number;
}

export type StateType = "follower" | "pre-candidate" | "candidate" | "leader";

export type MessageType =
  | "MsgHup" // local: campaign now
  | "MsgBeat" // local: the leader should send heartbeats
  | "MsgCheckQuorum" // local: the leader should check that a quorum is still active
  | "MsgProp" // a proposal: local, or forwarded by a follower to its leader
  | "MsgApp"
  | "MsgAppResp"
  | "MsgVote"
  | "MsgVoteResp"
  | "MsgPreVote"
  | "MsgPreVoteResp"
  | "MsgHeartbeat"
  | "MsgHeartbeatResp"
  | "MsgTransferLeader"
  | "MsgTimeoutNow"
  | "MsgReadIndex"
  | "MsgReadIndexResp";

/**
 * One Raft message. Local messages (MsgHup, MsgBeat, MsgCheckQuorum, local MsgProp) carry term 0; every other
 * message carries its sender's term, which is what lets Step apply the term rules before any role sees it.
 */
export interface RaftMessage {
  type: MessageType;
  from: RaftId;
  to: RaftId;
  term: number;
  /** MsgApp: term of the entry before `entries`. Vote requests: the candidate's last log term. Rejections: hint term. */
  logTerm?: number;
  /** MsgApp: index of the entry before `entries`. MsgAppResp: the index accepted or rejected. Votes: last index. */
  index?: number;
  entries?: readonly Entry[];
  commit?: number;
  reject?: boolean;
  /** On a rejected MsgApp: the follower's guess of the highest index that could still match (fast backoff). */
  rejectHint?: number;
  /** Heartbeats and reads: the ReadIndex request this round confirms. Votes: "transfer" for a leadership transfer. */
  context?: string;
}

/** A ReadIndex answer: once this node has applied `index`, a read started for `context` may be served. */
export interface ReadState {
  index: number;
  context: string;
}

/** What a node is right now, for the screen and for the driver's bookkeeping. Not durable. */
export interface SoftState {
  lead: RaftId;
  state: StateType;
}

/**
 * Everything the core produced since the last advance(). The driver persists `entries` and `hardState`, then
 * sends `msgs`, then applies `committedEntries` in order, then calls advance(ready).
 */
export interface Ready {
  softState?: SoftState;
  hardState?: HardState;
  /** Entries appended to the log since the last Ready (to persist). */
  entries: readonly Entry[];
  committedEntries: readonly Entry[];
  msgs: readonly RaftMessage[];
  readStates: readonly ReadState[];
}

/** The context a vote request carries when it comes from a leadership transfer: it may cut through a lease. */
export const CAMPAIGN_TRANSFER = "transfer";
