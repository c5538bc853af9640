// Raft messages on the simulated wire. The kernel names a message by `kind`, so a Raft message travels as its
// fields with `type` renamed to `kind` (the screen colours messages by it: MsgApp, MsgVote, MsgHeartbeat, ...).
// The sender and addressee stay inside the message, as in etcd's protobuf: a forwarded transfer request keeps
// the transferee as its sender. Every system that runs Raft (etcd's members, Kafka's KRaft controllers) sends it
// this way.

import type { Message } from "../sim/types";
import type { MessageType, RaftMessage } from "./types";

const RAFT_KINDS: ReadonlySet<string> = new Set<MessageType>([
  "MsgProp",
  "MsgApp",
  "MsgAppResp",
  "MsgVote",
  "MsgVoteResp",
  "MsgPreVote",
  "MsgPreVoteResp",
  "MsgHeartbeat",
  "MsgHeartbeatResp",
  "MsgTransferLeader",
  "MsgTimeoutNow",
  "MsgReadIndex",
  "MsgReadIndexResp",
]);

export function toWire(m: RaftMessage): Message {
  // Fields in sorted order, so that the kernel's canonical JSON of the message (its trace line) needs no sorting.
  const wire: Partial<Message> = {};
  if (m.commit !== undefined) wire.commit = m.commit;
  if (m.context !== undefined) wire.context = m.context;
  if (m.entries !== undefined) wire.entries = m.entries;
  wire.from = m.from;
  if (m.index !== undefined) wire.index = m.index;
  wire.kind = m.type;
  if (m.logTerm !== undefined) wire.logTerm = m.logTerm;
  if (m.reject !== undefined) wire.reject = m.reject;
  if (m.rejectHint !== undefined) wire.rejectHint = m.rejectHint;
  wire.term = m.term;
  wire.to = m.to;
  return wire as Message;
}

/** The Raft message inside a wire message, or undefined if it is not one (a local-only type never travels). */
export function fromWire(msg: Message, sender: string): RaftMessage | undefined {
  if (!RAFT_KINDS.has(msg.kind) || typeof msg.term !== "number") return undefined;
  const w = msg as unknown as Omit<RaftMessage, "type"> & { kind: MessageType };
  return {
    type: w.kind,
    from: typeof w.from === "string" ? w.from : sender,
    to: w.to,
    term: w.term,
    logTerm: w.logTerm,
    index: w.index,
    entries: w.entries,
    commit: w.commit,
    reject: w.reject,
    rejectHint: w.rejectHint,
    context: w.context,
  };
}
