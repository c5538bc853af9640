// What Consul's agents believe about each other, read from the room's state: every running agent's member list
// (memberlist's view), and for each member what the running agents think of it (how many see it alive, suspect it,
// hold it dead). A crashed agent's gossip state is volatile, so its last view is not counted: it sees nothing.
// Pure (no Phaser, no DOM), so the picture and the words always agree.

import { type GameStateView, type MemberView, type NodeView, parseMembers } from "../../net/state";

/** How one agent sees one member; "unknown" when the member is not in its list at all (a rejoin not heard of yet). */
export type MemberMark = "alive" | "suspect" | "dead" | "left" | "unknown";

export type AgentRole = "leader" | "server" | "client";

export interface Suspicion {
  /** The agent that suspects. */
  by: string;
  /** Simulated ms at which its suspicion expires and it declares the member dead; null when not sent. */
  deadAt: number | null;
}

/** What the running agents (the member itself left out) think of one member. */
export interface Opinion {
  node: string;
  up: boolean;
  alive: string[];
  suspect: Suspicion[];
  dead: string[];
  left: string[];
  unknown: string[];
}

export interface GossipModel {
  /** Node ids in natural order. */
  ids: readonly string[];
  /** Each running agent's view: member id -> its entry. Crashed agents have none. */
  views: Map<string, Map<string, MemberView>>;
  opinions: Map<string, Opinion>;
  /** Server agents in natural order, and the Raft leader ("" for none). */
  servers: string[];
  leader: string;
}

export function agentRole(node: NodeView, leader: string): AgentRole {
  if (node.id === leader && node.up) return "leader";
  return node.role.startsWith("server") ? "server" : "client";
}

export function markOf(view: Map<string, MemberView> | undefined, member: string): MemberMark {
  const state = view?.get(member)?.state;
  return state === "alive" || state === "suspect" || state === "dead" || state === "left" ? state : "unknown";
}

export function gossipModel(state: GameStateView, ids: readonly string[]): GossipModel {
  const nodes = ids.map((id) => state.nodes.get(id)).filter((n): n is NodeView => n !== undefined);
  const views = new Map<string, Map<string, MemberView>>();
  for (const n of nodes) if (n.up) views.set(n.id, new Map(parseMembers(n.members).map((m) => [m.node, m])));
  const opinions = new Map<string, Opinion>();
  for (const n of nodes) {
    const o: Opinion = { node: n.id, up: n.up, alive: [], suspect: [], dead: [], left: [], unknown: [] };
    for (const [agent, view] of views) {
      if (agent === n.id) continue;
      const mark = markOf(view, n.id);
      if (mark === "suspect") o.suspect.push({ by: agent, deadAt: view.get(n.id)?.deadAt ?? null });
      else o[mark].push(agent);
    }
    opinions.set(n.id, o);
  }
  const servers = nodes.filter((n) => n.role.startsWith("server")).map((n) => n.id);
  return { ids, views, opinions, servers, leader: state.leader };
}

/** The earliest a suspicion of this member runs out (the first agent to declare it dead), or null. */
export function firstDeadline(o: Opinion): { by: string; deadAt: number } | null {
  let first: { by: string; deadAt: number } | null = null;
  for (const s of o.suspect) if (s.deadAt !== null && (first === null || s.deadAt < first.deadAt)) first = { by: s.by, deadAt: s.deadAt };
  return first;
}

/** Seconds until `deadAt` at simulated time `now`, one decimal ("3.2"); never negative. */
export function secondsLeft(deadAt: number, now: number): string {
  return (Math.max(0, deadAt - now) / 1000).toFixed(1);
}

/** Members an agent's view counts in each state, itself left out. */
export function viewCounts(model: GossipModel, agent: string): Record<MemberMark, number> {
  const counts: Record<MemberMark, number> = { alive: 0, suspect: 0, dead: 0, left: 0, unknown: 0 };
  const view = model.views.get(agent);
  for (const id of model.ids) if (id !== agent) counts[markOf(view, id)]++;
  return counts;
}

/** True when some running agent sees this member other than alive, or the member is down. */
export function inQuestion(o: Opinion): boolean {
  return !o.up || o.suspect.length + o.dead.length + o.left.length + o.unknown.length > 0;
}
