// Consul in words, for the overlay (the node table, the node player's panel): the servers and the Raft leader, each
// agent's member list (how many it sees alive, suspect, dead, and the suspicions it holds with the time they have
// left), what the running agents make of each member, and what DNS can serve. Pure: it reads the room's state
// through the same model the gossip picture draws from, so the words always match the picture. Client agents have no
// Raft term, so none is said of them.

import {
  agentRole,
  type AgentRole,
  firstDeadline,
  type GossipModel,
  gossipModel,
  inQuestion,
  type Opinion,
  secondsLeft,
  viewCounts,
} from "../../game/draw/gossip-views";
import { type GameStateView, type NodeView, sortedValues } from "../../net/state";
import type { Column } from "./node-table";

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

function modelOf(state: GameStateView): GossipModel {
  return gossipModel(state, sortedValues(state.nodes, (n) => n.id).map((n) => n.id));
}

const ROLE_WORDS: Record<AgentRole, string> = { leader: "leader (server)", server: "server", client: "client" };

/** What the running agents make of one member: "suspected by 3 agents (…), dead to 1, alive to 2". */
export function opinionWords(o: Opinion, now: number): string {
  const others = o.alive.length + o.suspect.length + o.dead.length + o.left.length + o.unknown.length;
  const alive = o.up ? "alive to" : "still alive to";
  if (others === 0) return "seen by no running agent";
  const everyone = others === 1 ? "the only other running agent" : `all ${others} running agents`;
  if (o.alive.length === others) return `${alive} ${everyone}`;
  if (o.dead.length === others) return `dead to ${everyone}`;
  const first = firstDeadline(o);
  const parts = [
    { words: "suspected by", count: o.suspect.length, after: first ? ` (the first timer runs out in ${secondsLeft(first.deadAt, now)} s)` : "" },
    { words: "dead to", count: o.dead.length, after: "" },
    { words: "left for", count: o.left.length, after: "" },
    { words: "unknown to", count: o.unknown.length, after: "" },
    { words: alive, count: o.alive.length, after: "" },
  ].filter((p) => p.count > 0);
  // The first count names its unit; the rest read on from it ("suspected by 3 agents, dead to 1").
  return parts.map((p, i) => `${p.words} ${i === 0 ? plural(p.count, "agent") : p.count}${p.after}`).join(", ");
}

export function consulClusterWords(state: GameStateView): string {
  const model = modelOf(state);
  const servers = model.servers.join(", ") || "none";
  const parts = [model.leader ? `Servers ${servers}; Raft leader ${model.leader}.` : `Servers ${servers}; no leader — the catalog cannot change.`];
  const questioned = [...model.opinions.values()].filter(inQuestion);
  if (questioned.length === 0) parts.push(`All ${plural(model.views.size, "running agent")} see every member alive.`);
  for (const o of questioned) parts.push(`${o.node}${o.up ? "" : " (down)"} is ${opinionWords(o, state.simTime)}.`);
  const services = serviceWords(state);
  if (services) parts.push(services);
  const falseDeaths = Number(state.summary.get("falseDeaths") ?? 0);
  if (falseDeaths > 0) parts.push(`${plural(falseDeaths, "running agent")} wrongly declared failed.`);
  return parts.join(" ");
}

/** What DNS can serve, from the summary: healthy instances, those on a dead node not yet noticed, critical ones. */
function serviceWords(state: GameStateView): string {
  const s = state.summary;
  const healthy = s.get("healthyInstances");
  if (healthy === undefined) return "";
  const stale = Number(s.get("staleInstances") ?? 0);
  const critical = Number(s.get("criticalInstances") ?? 0);
  // A level without services (gossip tuning) has nothing for DNS to say.
  if (Number(healthy) + critical === 0) return "";
  const staleWords = stale > 0 ? ` (${stale} of them on a node that is down, not yet noticed)` : "";
  const criticalWords = critical > 0 ? `; ${plural(critical, "critical instance")} left out` : "";
  return `DNS serves ${plural(Number(healthy), "healthy instance")}${staleWords}${criticalWords}.`;
}

/** "6 alive, 1 suspect, 1 dead": an agent's own member list, itself left out. */
export function seesWords(model: GossipModel, node: NodeView): string {
  if (!node.up) return "nothing (down)";
  const c = viewCounts(model, node.id);
  const parts = [`${c.alive} alive`, `${c.suspect} suspect`, `${c.dead} dead`];
  if (c.left > 0) parts.push(`${c.left} left`);
  if (c.unknown > 0) parts.push(`${c.unknown} not known yet`);
  return parts.join(", ");
}

export interface HeldSuspicion {
  member: string;
  /** Seconds its suspicion has left ("3.2"), null when the room did not say. */
  left: string | null;
}

/** The members an agent suspects, in id order, each with the time its suspicion has left. */
export function heldSuspicions(model: GossipModel, agent: string, now: number): HeldSuspicion[] {
  const view = model.views.get(agent);
  const out: HeldSuspicion[] = [];
  for (const member of model.ids) {
    const entry = member === agent ? undefined : view?.get(member);
    if (entry?.state === "suspect") out.push({ member, left: entry.deadAt === null ? null : secondsLeft(entry.deadAt, now) });
  }
  return out;
}

function awarenessWords(node: NodeView): string {
  const score = node.stats.get("awareness") ?? 0;
  return score === 0 ? "0 (healthy)" : `${score} (probing slower: it missed acks)`;
}

export function consulColumns(state: GameStateView, _nodes: readonly NodeView[]): Column[] {
  const model = modelOf(state);
  const now = state.simTime;
  return [
    { title: "Role", cell: (n) => ROLE_WORDS[agentRole(n, model.leader)] },
    { title: "Sees", cell: (n) => seesWords(model, n) },
    {
      title: "Suspects",
      cell: (n) => {
        if (!n.up) return "—";
        const held = heldSuspicions(model, n.id, now).map((h) => (h.left === null ? h.member : `${h.member} (dead in ${h.left} s)`));
        return held.join(", ") || "none";
      },
    },
    {
      title: "Others see it",
      cell: (n) => {
        const o = model.opinions.get(n.id);
        return o ? opinionWords(o, now) : "";
      },
    },
    { title: "Incarnation", cell: (n) => (n.up ? (n.stats.get("incarnation") ?? 0) : "— (lost while down)") },
    { title: "Awareness", cell: (n) => (n.up ? awarenessWords(n) : "—") },
  ];
}

/** The node player's line: what kind of agent they are and what their member list says. */
export function consulWhoWords(state: GameStateView, node: NodeView): string {
  const model = modelOf(state);
  const role = agentRole(node, model.leader);
  const what = role === "leader" ? `a server agent and the Raft leader (term ${node.term})` : role === "server" ? "a server agent" : "a client agent";
  if (!node.up) {
    return `You are ${node.id}, ${what}: down (crashed). Your member list is gone; restarted, you rejoin with incarnation 1 and refute the death the others remember.`;
  }
  const c = viewCounts(model, node.id);
  const held = heldSuspicions(model, node.id, state.simTime);
  const items = held.map((h) => (h.left === null ? h.member : `${h.member}, dead in ${h.left} s`)).join("; ");
  const suspectWords = c.suspect > 0 ? `${c.suspect} suspect (${items} unless ${c.suspect === 1 ? "it refutes" : "they refute"})` : "";
  const sees = [`${c.alive} alive`, suspectWords, c.dead > 0 ? `${c.dead} dead` : "", c.left > 0 ? `${c.left} left` : ""].filter(Boolean).join(", ");
  const o = model.opinions.get(node.id);
  const accused = o && o.suspect.length > 0 ? ` Suspected by ${o.suspect.map((s) => s.by).join(", ")}: you refute with a higher incarnation when the news reaches you.` : "";
  return `You are ${node.id}, ${what}: you see ${sees}. Incarnation ${node.stats.get("incarnation") ?? 0}.${accused}`;
}
