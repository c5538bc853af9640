// memberlist's messages on the simulated wire. Probes (ping, ack, ping-req, nack) and gossip packets carry the
// queued state changes piggybacked in `gossip`, as memberlist appends broadcasts to every UDP packet it sends.
// push-pull is the full state exchange memberlist does over TCP.

export type MemberState = "alive" | "suspect" | "dead" | "left";

/** One piggybacked state change: alive / suspect / dead about `node` at `inc`, raised by `from`. */
export interface Gossip {
  t: "alive" | "suspect" | "dead";
  node: string;
  inc: number;
  from: string;
}

export interface PushPullState {
  node: string;
  inc: number;
  state: MemberState;
}

export const PING = "ping";
export const ACK = "ack";
export const PING_REQ = "ping-req";
export const NACK = "nack";
export const GOSSIP = "gossip";
export const PUSH_PULL = "push-pull";
export const PUSH_PULL_RESP = "push-pull-resp";

export const MEMBERLIST_KINDS: ReadonlySet<string> = new Set([PING, ACK, PING_REQ, NACK, GOSSIP, PUSH_PULL, PUSH_PULL_RESP]);
