// Copies what players draw from the simulation into the room's schema state, touching only what changed.
// Schema sends a field only when it is assigned a different value, so every write below is guarded by a
// comparison, collections are edited in place (never rebuilt), and in-flight messages are added once when
// they leave and removed once when they land. That keeps a quiet cluster at a few bytes per tick.

import type { ArraySchema, MapSchema } from "@colyseus/schema";
import { copiesBehind, newestWrite } from "../../shared/sim/key-placement";
import type { NetworkState } from "../../shared/sim/network";
import type { KeyPlacement, NodeInspection } from "../../shared/sim/types";
import { FeedEntry } from "./schema/FeedEntry";
import type { GameState } from "./schema/GameState";
import { InboxEntry, InboxView } from "./schema/InboxView";
import { CopyView, KeyView } from "./schema/KeyView";
import { LinkView } from "./schema/LinkView";
import { MessageView } from "./schema/MessageView";
import { NodeView } from "./schema/NodeView";
import { ObjectiveView } from "./schema/ObjectiveView";
import { ReplicaView } from "./schema/ReplicaView";

export const FEED_LIMIT = 50;
/** In-flight messages shown at once. A fast-forwarded cluster can have thousands; nobody can follow them. */
export const MESSAGE_LIMIT = 150;
/**
 * Recipients shown of one fan-out (one sender sending one kind to many nodes at the same instant): those reached
 * soonest. A restarted Consul agent in a 30-agent class cluster push-pulls with all 29 others at once; drawn, 29 lines
 * from one agent say what 8 say, and sent, they were half of each student's bytes (server/tools/bench-class-bytes.ts).
 * Every fan-out of a cluster of up to 9 nodes is shown whole. A node player still sees every message to their node
 * in their own inbox.
 */
export const FANOUT_SHOWN = 8;
const LOG_TAIL = 12;
const DETAIL_LINES = 40;
/** A list whose items are all this short is written on one line. */
const LIST_WORD = 24;
/** Items of a list of sentences shown, one line each. */
const LIST_ITEMS = 12;
const TEXT_LIMIT = 200;
/**
 * A store's intents and pending transaction records change with every transfer; sent each time, they cost a room
 * ~9 KB per client per second. Sent at most this often (simulated ms) they still read as live, while a change of
 * lease, leader, replicas or span goes out at once.
 */
export const RANGE_CHURN_MS = 1000;

export interface InFlightMessage {
  id: number | string;
  from: string;
  to: string;
  kind: string;
  sentAt: number;
  arriveAt: number;
  /** The message itself, for the private inbox. */
  msg: Readonly<Record<string, unknown>>;
}

export interface ObjectiveLine {
  id: string;
  text: string;
  kind: string;
  met: boolean;
  atMs: number | null;
}

/** What the projection reads from a round; the room adapts its Round to this. */
export interface ProjectionSource {
  now: number;
  nodes: readonly string[];
  isUp(node: string): boolean;
  inspect(node: string): NodeInspection;
  inFlight(): readonly InFlightMessage[];
  network(): NetworkState;
  /** Grows only; the projection remembers how far it has read. */
  timeline: readonly { t: number; kind: string; text: string }[];
  /** The round's own remarks (a script step skipped, a bot refused); grows only. */
  notes: readonly { t: number; text: string }[];
  objectives(): readonly ObjectiveLine[];
  chaosBudget: number;
  nextMemberId: string;
  leader: string;
  term: number;
  /** The system's summary (leader, term, consistency levels, replication, counters, ...). */
  summary: Readonly<Record<string, string | number | null>>;
  /** Where the level's keys live, for systems that place keys on replicas; undefined for the others. */
  keyPlacement(): readonly KeyPlacement[] | undefined;
}

/** Summary entries that have fields of their own in the state. */
const SUMMARY_FIELDS = new Set(["leader", "term"]);

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Assigns only when the value differs, so unchanged fields cost nothing on the wire. */
function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): void {
  if (target[key] !== value) (target as Writable<T>)[key] = value;
}

export class Projector {
  private timelineRead = 0;
  /** Per node: when its ranges were last sent, and what they were without the churning fields. */
  private readonly rangesSent = new Map<string, { at: number; shape: string }>();
  private notesRead = 0;
  /** Messages in flight that a fan-out cap held back: never shown, so the picture does not fill in later. */
  private readonly heldBack = new Set<string>();

  constructor(private readonly state: GameState) {}

  /** Forget what was read (a restarted round starts a new timeline). */
  reset(): void {
    this.timelineRead = 0;
    this.notesRead = 0;
    this.rangesSent.clear();
    this.heldBack.clear();
    this.state.nodes.clear();
    this.state.messages.clear();
    this.state.inbox.clear();
    this.state.keys.clear();
    this.state.summary.clear();
    clearArray(this.state.links);
    clearArray(this.state.objectives);
    clearArray(this.state.feed);
  }

  /** Projects the round. `privateNodes` are the nodes that have a human player (only they get an inbox). */
  project(source: ProjectionSource, privateNodes: ReadonlySet<string>): void {
    const s = this.state;
    put(s, "simTime", Math.floor(source.now));
    put(s, "chaosBudget", source.chaosBudget);
    put(s, "nextMemberId", source.nextMemberId);
    put(s, "leader", source.leader);
    put(s, "term", source.term);
    this.projectSummary(source.summary);
    this.projectNodes(source);
    this.projectKeys(source.keyPlacement());
    const inFlight = source.inFlight();
    this.projectMessages(inFlight);
    this.projectLinks(source.network());
    this.projectObjectives(source.objectives());
    this.projectFeed(source);
    this.projectInboxes(source, inFlight, privateNodes);
  }

  /** A room event (someone joined, took a role, paused) in the same log as the cluster's events. */
  addFeed(t: number, kind: string, text: string): void {
    const feed = this.state.feed;
    feed.push(new FeedEntry({ t: Math.max(0, Math.floor(t)), kind, text: clip(text) }));
    while (feed.length > FEED_LIMIT) feed.shift();
  }

  private projectNodes(source: ProjectionSource): void {
    const nodes = this.state.nodes;
    const members = new Set(source.nodes);
    for (const id of [...nodes.keys()]) if (!members.has(id)) nodes.delete(id);
    for (const id of source.nodes) {
      let view = nodes.get(id);
      if (!view) {
        view = new NodeView({ id });
        nodes.set(id, view);
      }
      const inspection = source.inspect(id);
      const log = inspection.log ?? [];
      put(view, "up", source.isUp(id));
      put(view, "role", inspection.role);
      put(view, "term", toUint(inspection.stats.term));
      put(view, "commitIndex", toUint(inspection.commitIndex ?? inspection.stats.commitIndex));
      put(view, "logLength", toUint(inspection.log ? log.length : inspection.stats.logLength));
      put(view, "log", log.slice(-LOG_TAIL).join(","));
      put(view, "dc", inspection.place?.dc ?? "");
      put(view, "rack", inspection.place?.rack ?? "");
      put(view, "tokens", inspection.tokens ? inspection.tokens.join(",") : "");
      put(view, "drives", inspection.drives ? drivesText(inspection.drives) : "");
      put(view, "pool", Math.min(255, toUint(inspection.pool ?? 0)));
      put(view, "slots", inspection.slots ? rangesText(inspection.slots.ranges) : "");
      put(view, "migrating", inspection.slots ? inspection.slots.migrating.map((m) => `${m.slot}>${m.node}`).join(",") : "");
      put(view, "importing", inspection.slots ? inspection.slots.importing.map((m) => `${m.slot}<${m.node}`).join(",") : "");
      put(view, "replicaOf", inspection.replicaOf?.master ?? "");
      put(view, "replLag", toUint(inspection.replicaOf?.lag ?? 0));
      syncReplicas(view.partitions, inspection.partitions);
      put(view, "groups", inspection.groups && inspection.groups.length > 0 ? JSON.stringify(inspection.groups) : "");
      syncMap(view.members, inspection.members ? memberEntries(inspection.members) : {});
      this.projectRanges(view, inspection.ranges, source.now);
      syncNumbers(view.badges, inspection.badges);
      syncNumbers(view.stats, inspection.stats);
    }
  }

  private projectRanges(view: NodeView, ranges: NodeInspection["ranges"], now: number): void {
    const text = ranges && ranges.length > 0 ? JSON.stringify(ranges) : "";
    if (text === view.ranges) return;
    const shape = ranges ? JSON.stringify(ranges.map(({ intents: _i, records: _r, ...rest }) => rest)) : "";
    const sent = this.rangesSent.get(view.id);
    if (sent && sent.shape === shape && now - sent.at < RANGE_CHURN_MS) return;
    this.rangesSent.set(view.id, { at: now, shape });
    view.ranges = text;
  }

  private projectSummary(summary: Readonly<Record<string, string | number | null>>): void {
    const entries: Record<string, string> = {};
    for (const [key, value] of Object.entries(summary)) {
      if (SUMMARY_FIELDS.has(key) || value === null || value === undefined) continue;
      entries[key] = clip(typeof value === "number" ? String(Number.isFinite(value) ? value : 0) : String(value));
    }
    syncMap(this.state.summary, entries);
  }

  /** Each key's replicas and what they hold. Only values that changed go on the wire: a quiet key costs nothing. */
  private projectKeys(placements: readonly KeyPlacement[] | undefined): void {
    const keys = this.state.keys;
    if (!placements) {
      if (keys.size > 0) keys.clear();
      return;
    }
    const seen = new Set<string>();
    for (const p of placements) {
      seen.add(p.key);
      let view = keys.get(p.key);
      if (!view) {
        view = new KeyView({ key: p.key });
        keys.set(p.key, view);
      }
      put(view, "token", p.token ?? "");
      put(view, "replicas", p.replicas.join(","));
      const copies = copyRows(p);
      put(view, "divergent", copies.some((c) => c.behind));
      const copyMap = view.copies;
      const nodes = new Set(copies.map((c) => c.node));
      for (const node of [...copyMap.keys()]) if (!nodes.has(node)) copyMap.delete(node);
      for (const row of copies) {
        let copy = copyMap.get(row.node);
        if (!copy) {
          copy = new CopyView(row);
          copyMap.set(row.node, copy);
          continue;
        }
        put(copy, "held", row.held);
        put(copy, "value", row.value);
        put(copy, "writtenAt", row.writtenAt);
        put(copy, "behind", row.behind);
      }
    }
    for (const key of [...keys.keys()]) if (!seen.has(key)) keys.delete(key);
  }

  private projectMessages(inFlight: readonly InFlightMessage[]): void {
    const messages = this.state.messages;
    const shown = visibleMessages(this.capFanouts(inFlight));
    const keep = new Set(shown.map((m) => String(m.id)));
    for (const id of [...messages.keys()]) if (!keep.has(id)) messages.delete(id);
    for (const m of shown) {
      const id = String(m.id);
      // Messages never change in flight: add once, remove once.
      if (messages.has(id)) continue;
      messages.set(
        id,
        new MessageView({ id, from: m.from, to: m.to, kind: m.kind, sentAt: toUint(m.sentAt), arriveAt: toUint(m.arriveAt) }),
      );
    }
  }

  /**
   * The in-flight messages without those a fan-out cap holds back (FANOUT_SHOWN). A fan-out's messages all leave at
   * once, so they are all new on the same tick and the choice is made once: the recipients they reach soonest are
   * shown, with every message of the fan-out to those recipients (many messages to a few nodes, as a CockroachDB
   * store's Raft traffic for its ranges or a MinIO write's shards, are never cut).
   */
  private capFanouts(inFlight: readonly InFlightMessage[]): InFlightMessage[] {
    const messages = this.state.messages;
    const flying = new Set(inFlight.map((m) => String(m.id)));
    for (const id of this.heldBack) if (!flying.has(id)) this.heldBack.delete(id);
    const fanout = (m: InFlightMessage) => `${m.from}|${m.kind}|${m.sentAt}`;
    const reached = new Map<string, Set<string>>();
    const reachedBy = (m: InFlightMessage) => {
      let set = reached.get(fanout(m));
      if (!set) reached.set(fanout(m), (set = new Set()));
      return set;
    };
    const fresh: InFlightMessage[] = [];
    for (const m of inFlight) {
      const id = String(m.id);
      if (messages.has(id)) reachedBy(m).add(m.to);
      else if (!this.heldBack.has(id)) fresh.push(m);
    }
    fresh.sort(byLanding);
    for (const m of fresh) {
      const to = reachedBy(m);
      if (to.has(m.to) || to.size < FANOUT_SHOWN) to.add(m.to);
      else this.heldBack.add(String(m.id));
    }
    return this.heldBack.size === 0 ? [...inFlight] : inFlight.filter((m) => !this.heldBack.has(String(m.id)));
  }

  private projectLinks(network: NetworkState): void {
    const rows = linkRows(network);
    const links = this.state.links;
    rows.forEach((row, i) => {
      const view = links[i];
      if (!view) {
        links.push(new LinkView(row));
        return;
      }
      put(view, "from", row.from);
      put(view, "to", row.to);
      put(view, "cut", row.cut);
      put(view, "latencyMs", row.latencyMs);
      put(view, "loss", Math.fround(row.loss));
    });
    while (links.length > rows.length) links.pop();
  }

  private projectObjectives(lines: readonly ObjectiveLine[]): void {
    const objectives = this.state.objectives;
    lines.forEach((line, i) => {
      const atMs = line.atMs === null || line.atMs < 0 ? -1 : Math.floor(line.atMs);
      const view = objectives[i];
      if (!view) {
        objectives.push(new ObjectiveView({ id: line.id, text: line.text, kind: line.kind, met: line.met, atMs }));
        return;
      }
      put(view, "id", line.id);
      put(view, "text", line.text);
      put(view, "kind", line.kind);
      put(view, "met", line.met);
      put(view, "atMs", atMs);
    });
    while (objectives.length > lines.length) objectives.pop();
  }

  private projectFeed(source: ProjectionSource): void {
    const { timeline, notes } = source;
    if (timeline.length === this.timelineRead && notes.length === this.notesRead) return;
    // After a long fast-forward only the last FEED_LIMIT entries can be shown anyway.
    const fresh = [
      ...timeline.slice(Math.max(this.timelineRead, timeline.length - FEED_LIMIT)),
      ...notes.slice(Math.max(this.notesRead, notes.length - FEED_LIMIT)).map((n) => ({ t: n.t, kind: "note", text: n.text })),
    ];
    this.timelineRead = timeline.length;
    this.notesRead = notes.length;
    // Array.prototype.sort is stable: same-time entries keep their order.
    fresh.sort((a, b) => a.t - b.t);
    for (const e of fresh.slice(-FEED_LIMIT)) this.addFeed(e.t, e.kind, e.text);
  }

  private projectInboxes(source: ProjectionSource, inFlight: readonly InFlightMessage[], privateNodes: ReadonlySet<string>): void {
    const inbox = this.state.inbox;
    for (const node of [...inbox.keys()]) if (!privateNodes.has(node) || !source.nodes.includes(node)) inbox.delete(node);
    for (const node of privateNodes) {
      if (!source.nodes.includes(node)) continue;
      let view = inbox.get(node);
      if (!view) {
        view = new InboxView({ node });
        inbox.set(node, view);
      }
      syncStrings(view.detail, detailLines(source.inspect(node).detail));
      syncInbox(view.messages, inFlight.filter((m) => m.to === node));
    }
  }
}

/** The in-flight messages to show: all of them, or the ones that land soonest when there are too many. */
function visibleMessages(inFlight: readonly InFlightMessage[]): readonly InFlightMessage[] {
  if (inFlight.length <= MESSAGE_LIMIT) return inFlight;
  return [...inFlight].sort(byLanding).slice(0, MESSAGE_LIMIT);
}

/** Soonest to land first; the id breaks ties, so the order is the same on every run. */
function byLanding(a: InFlightMessage, b: InFlightMessage): number {
  return a.arriveAt - b.arriveAt || String(a.id).localeCompare(String(b.id));
}

interface LinkRow {
  from: string;
  to: string;
  cut: boolean;
  latencyMs: number;
  loss: number;
}

/** One row per directed link that differs from the defaults, in a stable order. */
export function linkRows(network: NetworkState): LinkRow[] {
  const rows = new Map<string, LinkRow>();
  const row = (from: string, to: string) => {
    const key = `${from}>${to}`;
    let r = rows.get(key);
    if (!r) {
      r = { from, to, cut: false, latencyMs: network.defaults.latencyMs, loss: network.defaults.loss };
      rows.set(key, r);
    }
    return r;
  };
  for (const c of network.cuts) row(c.from, c.to).cut = true;
  for (const l of network.latency) row(l.from, l.to).latencyMs = toUint(l.ms);
  for (const l of network.loss) row(l.from, l.to).loss = l.rate;
  return [...rows.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

interface CopyRow {
  node: string;
  held: boolean;
  value: string;
  writtenAt: number;
  behind: boolean;
}

/** One row per replica, in placement order; which copies are behind is shared/sim/key-placement.ts's rule. */
export function copyRows(p: KeyPlacement): CopyRow[] {
  const behind = copiesBehind(p.copies);
  const byNode = new Map(p.copies.map((c, i) => [c.node, { copy: c, behind: behind[i] }]));
  // A replica the placement names but no copy describes holds nothing: behind whenever another copy holds a value.
  const missingBehind = newestWrite(p.copies) !== Number.NEGATIVE_INFINITY;
  const order = [...p.replicas, ...p.copies.map((c) => c.node).filter((n) => !p.replicas.includes(n))];
  return order.map((node) => {
    const found = byNode.get(node);
    const c = found?.copy;
    const held = c !== undefined && c.value !== null;
    const writtenAt = held && c.writtenAt !== null && Number.isFinite(c.writtenAt) ? c.writtenAt : 0;
    return { node, held, value: held ? clip(String(c.value)) : "", writtenAt, behind: found ? found.behind : missingBehind };
  });
}

/** A node's drives as the schema carries them: "state:shards" per drive, in drive order, comma separated. */
export function drivesText(drives: readonly { state: string; shards: number }[]): string {
  return drives.map((d) => `${d.state}:${toUint(d.shards)}`).join(",");
}

/** Slot ranges as text: "0-5460,10923" (a range of one slot is written once). */
export function rangesText(ranges: readonly (readonly [number, number])[]): string {
  return ranges.map(([lo, hi]) => (lo === hi ? `${lo}` : `${lo}-${hi}`)).join(",");
}

/**
 * A member list as the schema carries it, one entry per member: { n1: "alive:3", n2: "suspect:1@41250" } (a
 * suspect's "@" is when its suspicion expires, sim ms). Kept per member so a change sends only that member's entry.
 */
export function memberEntries(members: readonly { node: string; state: string; incarnation: number; deadAt?: number }[]): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const m of members) entries[m.node] = `${m.state}:${toUint(m.incarnation)}${m.deadAt === undefined ? "" : `@${toUint(m.deadAt)}`}`;
  return entries;
}

/** A broker's partition replicas, edited in place: only an offset that moved goes on the wire. */
function syncReplicas(target: MapSchema<ReplicaView>, replicas: NodeInspection["partitions"]): void {
  const seen = new Set<string>();
  for (const r of replicas ?? []) {
    const key = `${r.topic}-${r.partition}`;
    seen.add(key);
    let view = target.get(key);
    if (!view) {
      view = new ReplicaView();
      target.set(key, view);
    }
    put(view, "leader", r.leader);
    put(view, "leo", toUint(r.leo));
    put(view, "hw", toUint(r.hw));
    put(view, "isr", r.isr ? r.isr.join(",") : "");
  }
  for (const key of [...target.keys()]) if (!seen.has(key)) target.delete(key);
}

/** Edits a schema map of numbers in place: only entries that changed are sent. */
function syncNumbers(target: MapSchema<number>, source: Readonly<Record<string, number>> | undefined): void {
  const entries: Record<string, number> = {};
  if (source) for (const [key, value] of Object.entries(source)) if (typeof value === "number" && Number.isFinite(value)) entries[key] = value;
  syncMap(target, entries);
}

/** Edits a schema map of plain values in place: removed keys are deleted, and only changed values are set. */
function syncMap<T extends string | number>(target: MapSchema<T>, entries: Readonly<Record<string, T>>): void {
  for (const key of [...target.keys()]) if (!Object.hasOwn(entries, key)) target.delete(key);
  for (const [key, value] of Object.entries(entries)) if (target.get(key) !== value) target.set(key, value);
}

function syncInbox(entries: MapSchema<InboxEntry>, messages: readonly InFlightMessage[]): void {
  const keep = new Set(messages.map((m) => String(m.id)));
  for (const id of [...entries.keys()]) if (!keep.has(id)) entries.delete(id);
  for (const m of messages) {
    const id = String(m.id);
    if (entries.has(id)) continue;
    entries.set(id, new InboxEntry({ id, from: m.from, kind: m.kind, arriveAt: toUint(m.arriveAt), text: messageText(m.msg) }));
  }
}

function syncStrings(target: ArraySchema<string>, lines: readonly string[]): void {
  lines.forEach((line, i) => {
    if (i >= target.length) target.push(line);
    else if (target[i] !== line) target[i] = line;
  });
  while (target.length > lines.length) target.pop();
}

function clearArray<T>(array: ArraySchema<T>): void {
  while (array.length > 0) array.pop();
}

/** A message's fields in plain words: "term 3, lastLogIndex 7, entries (2 items)". */
export function messageText(msg: Readonly<Record<string, unknown>>): string {
  const parts = Object.entries(msg)
    .filter(([k]) => k !== "kind")
    .map(([k, v]) => `${k} ${short(v)}`);
  return clip(parts.join(", "));
}

/**
 * A node's private detail as "name: value" lines. A list of short words stays on one line ("voters: n1, n2, n3");
 * a list of sentences gets a line per item ("coordinating: write k1 at QUORUM: acked by n2; waiting for n4").
 */
function detailLines(detail: Record<string, unknown> | undefined): string[] {
  if (!detail) return [];
  const lines: string[] = [];
  for (const [k, v] of Object.entries(detail)) {
    if (Array.isArray(v) && v.every((item) => typeof item === "string" || typeof item === "number")) {
      const items = v.map(String);
      if (items.length === 0) lines.push(`${k}: none`);
      else if (items.every((item) => item.length <= LIST_WORD)) lines.push(clip(`${k}: ${items.join(", ")}`));
      else {
        for (const item of items.slice(0, LIST_ITEMS)) lines.push(clip(`${k}: ${item}`));
        if (items.length > LIST_ITEMS) lines.push(`${k}: ... and ${items.length - LIST_ITEMS} more`);
      }
    } else {
      lines.push(clip(`${k}: ${short(v)}`));
    }
  }
  return lines.slice(0, DETAIL_LINES);
}

function short(v: unknown): string {
  if (v === null || v === undefined) return "none";
  if (Array.isArray(v)) return `(${v.length} item${v.length === 1 ? "" : "s"})`;
  if (typeof v === "object") {
    const json = JSON.stringify(v);
    return json.length > 60 ? `${json.slice(0, 57)}...` : json;
  }
  return String(v);
}

function clip(text: string): string {
  return text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT - 3)}...` : text;
}

function toUint(n: number | undefined): number {
  return n === undefined || !Number.isFinite(n) || n < 0 ? 0 : Math.floor(n);
}
