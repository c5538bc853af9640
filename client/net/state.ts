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

export function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}

/** Terms of the log tail as numbers; an empty string is an empty log. */
export function parseLogTerms(log: string): number[] {
  if (log.trim() === "") return [];
  return log.split(",").map((part) => Number(part.trim())).filter((term) => Number.isFinite(term));
}
