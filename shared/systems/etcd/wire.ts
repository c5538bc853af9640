// What etcd's members send each other besides Raft messages (those travel as shared/raft/wire.ts puts them).

/** etcd's peer transport answers a removed member with HTTP 410 Gone; the member then stops itself. */
export const PEER_REMOVED = "PeerRemoved";
