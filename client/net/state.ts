// What the client reads of the room's state (docs/protocol.md). Only the shape the screen draws: the room's schema
// classes satisfy these interfaces structurally, so the overlay and the scenes never depend on Colyseus types.

/** The read side of a MapSchema (and of a plain Map). */
export interface ReadMap<V> {
  get(key: string): V | undefined;
  forEach(callback: (value: V, key: string) => void): void;
  readonly size: number;
}

/** The read side of an ArraySchema (and of a plain array). */
export interface ReadList<V> {
  readonly length: number;
  forEach(callback: (value: V, index: number) => void): void;
}

export interface NodeView {
  id: string;
  up: boolean;
  role: string;
  term: number;
  commitIndex: number;
  logLength: number;
  /** Terms of the last ≤ 12 entries, comma separated. */
  log: string;
  /** Name of the human playing this node, "" for a bot. */
  player: string;
  /** Datacenter and rack, for systems that place data by topology (Cassandra); "" otherwise. */
  dc: string;
  rack: string;
  /** Tokens on the token ring (signed 64-bit decimals), comma separated; "" for a system without a ring. */
  tokens: string;
  /** Drives (MinIO): "state:shards" per drive in drive order, comma separated; "" for other systems. */
  drives: string;
  /** The server pool, from 1 (MinIO); 0 for systems without pools. */
  pool: number;
  /** Redis Cluster masters: hash slot ranges served ("0-5460,10923"); slots migrating ("5461>n4") and importing ("5461<n1"). */
  slots: string;
  migrating: string;
  importing: string;
  /** Redis Cluster replicas: the master replicated ("" for a master), and the replication lag in bytes. */
  replicaOf: string;
  replLag: number;
  /** Kafka: the partition replicas on this broker, by "topic-partition". */
  partitions: ReadMap<ReplicaView>;
  /** Kafka: the consumer groups this broker coordinates, as JSON; "" for none (parse with parseGroups). */
  groups: string;
  /**
   * Consul: the member list as this agent sees it (parse with parseMembers). The room sends one entry per member,
   * { n1: "alive:3", n2: "suspect:1@41250" }, so a change costs one entry; the text form
   * "n1:alive:3,n2:suspect:1@41250" reads the same (hand-made states).
   */
  members: ReadMap<string> | string;
  /** CockroachDB: the ranges this store holds a replica of, as JSON; "" for none (parse with parseRanges). */
  ranges: string;
  /** Small public counters drawn beside the node: { hints: 12 }. */
  badges: ReadMap<number>;
  /** The system's numbers for this node, in its order. */
  stats: ReadMap<number>;
}

/** A Kafka partition replica on a broker. */
export interface ReplicaView {
  leader: boolean;
  /** Log end offset. */
  leo: number;
  /** The high watermark this replica knows. */
  hw: number;
  /** On the leader: the in-sync replicas, comma separated. */
  isr: string;
}

/** A consumer group as its coordinator reports it. */
export interface GroupView {
  group: string;
  generation: number;
  state: string;
  protocol: string;
  members: { member: string; partitions: string[] }[];
  committed: Record<string, number>;
}

/** A node's consumer groups from their JSON; a malformed string is no groups (the screen never throws on it). */
export function parseGroups(text: string): GroupView[] {
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? (parsed as GroupView[]) : [];
  } catch {
    return [];
  }
}

/** One member of a Consul agent's member list; a suspect carries when its suspicion expires (sim ms). */
export interface MemberView {
  node: string;
  state: string;
  incarnation: number;
  deadAt: number | null;
}

/**
 * A member list from the room's entries ({ n2: "suspect:1@41250" }) or from its text ("n1:alive:3,n2:suspect:1@41250");
 * malformed entries are skipped.
 */
export function parseMembers(members: ReadMap<string> | string): MemberView[] {
  const items: string[] = [];
  if (typeof members === "string") items.push(...splitList(members));
  else members.forEach((entry, node) => items.push(`${node}:${entry}`));
  const out: MemberView[] = [];
  for (const item of items) {
    const [head, at] = item.split("@");
    const [node, state, inc] = head.split(":");
    if (!node || !state) continue;
    const deadAt = at === undefined ? null : Number(at);
    out.push({ node, state, incarnation: Number(inc) || 0, deadAt: deadAt !== null && Number.isFinite(deadAt) ? deadAt : null });
  }
  return out;
}

/** A CockroachDB range as one of its replicas' stores reports it. */
export interface RangeView {
  range: number;
  span: string;
  replicas: string[];
  leaseholder: string | null;
  leader: string | null;
  intents: number;
  records: { id: string; status: string }[];
}

/** A store's ranges from their JSON; a malformed string is no ranges (the screen never throws on it). */
export function parseRanges(text: string): RangeView[] {
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? (parsed as RangeView[]) : [];
  } catch {
    return [];
  }
}

/** What one replica holds for a key. */
export interface CopyView {
  node: string;
  /** False when the replica has nothing for the key. */
  held: boolean;
  value: string;
  writtenAt: number;
  /** Another replica holds a newer write (or this one holds nothing while another does). */
  behind: boolean;
}

/** Where a workload key lives (systems that place keys on replicas). */
export interface KeyView {
  key: string;
  /** Signed 64-bit decimal token, "" without a ring. */
  token: string;
  /** Replica ids in placement order, comma separated; the first is the primary. */
  replicas: string;
  copies: ReadMap<CopyView>;
  divergent: boolean;
}

export interface LinkView {
  from: string;
  to: string;
  cut: boolean;
  latencyMs: number;
  loss: number;
}

export interface MessageView {
  id: string;
  from: string;
  to: string;
  kind: string;
  sentAt: number;
  arriveAt: number;
}

export interface ObjectiveView {
  id: string;
  text: string;
  kind: string;
  met: boolean;
  atMs: number;
}

export interface FeedEntry {
  t: number;
  kind: string;
  text: string;
}

export interface PlayerView {
  sessionId: string;
  name: string;
  role: string;
  node: string;
  connected: boolean;
  /** The room's host keeps the time controls whatever role they play. */
  host: boolean;
}

export interface InboxEntryView {
  id: string;
  from: string;
  kind: string;
  arriveAt: number;
  /** The message's fields in plain words. */
  text: string;
}

/** What only a node's own player sees (a StateView on the server). */
export interface InboxView {
  node: string;
  /** Private detail as "name: value" lines. */
  detail: ReadList<string>;
  messages: ReadMap<InboxEntryView>;
}

export interface GameStateView {
  code: string;
  levelId: string;
  levelTitle: string;
  briefing: string;
  concept: string;
  system: string;
  phase: string;
  /** Which round of this game, from 1 (a restart starts the next). */
  round: number;
  outcomeText: string;
  /** The level's debrief, once the round is over. */
  debrief: string;
  paused: boolean;
  speed: number;
  simTime: number;
  timeLimitMs: number;
  leader: string;
  term: number;
  chaosBudget: number;
  nextMemberId: string;
  /** Roles this level offers besides host and spectator, comma separated. */
  roles: string;
  /** Per role, the action types this level allows it, comma separated. */
  actions: ReadMap<string>;
  /** The level's workload keys, comma separated. */
  workloadKeys: string;
  /** The system's summary entries besides leader and term (Cassandra: readConsistency, replication, ...). */
  summary: ReadMap<string>;
  /** Placement of each workload key; empty for systems that do not place keys. */
  keys: ReadMap<KeyView>;
  nodes: ReadMap<NodeView>;
  links: ReadList<LinkView>;
  messages: ReadMap<MessageView>;
  objectives: ReadList<ObjectiveView>;
  feed: ReadList<FeedEntry>;
  players: ReadMap<PlayerView>;
  inbox: ReadMap<InboxView>;
}

/** Values of a map in a stable, human order (n2 before n10). */
export function sortedValues<V>(map: ReadMap<V>, keyOf: (value: V) => string): V[] {
  const out: V[] = [];
  map.forEach((value) => {
    out.push(value);
  });
  return out.sort((a, b) => naturalCompare(keyOf(a), keyOf(b)));
}

export function listValues<V>(list: ReadList<V>): V[] {
  const out: V[] = [];
  list.forEach((value) => {
    out.push(value);
  });
  return out;
}

/**
 * The same order as a.localeCompare(b, "en", { numeric: true }), from one collator made once: localeCompare with
 * options sets a collator up on every call, which made sorting a 64-node cluster's views a third of each frame.
 */
const NATURAL = new Intl.Collator("en", { numeric: true });

export function naturalCompare(a: string, b: string): number {
  return NATURAL.compare(a, b);
}

/** Terms of the log tail as numbers; an empty string is an empty log. */
export function parseLogTerms(log: string): number[] {
  if (log.trim() === "") return [];
  return log.split(",").map((part) => Number(part.trim())).filter((term) => Number.isFinite(term));
}

/** The action types this level allows `role`; an empty set when the level does not say (older servers). */
export function allowedActions(state: GameStateView, role: string): Set<string> {
  const list = state.actions?.get(role) ?? "";
  return new Set(list.split(",").map((a) => a.trim()).filter(Boolean));
}

/** Comma-separated ids as a list ("" is the empty list). */
export function splitList(text: string): string[] {
  return text === "" ? [] : text.split(",").map((part) => part.trim()).filter(Boolean);
}
