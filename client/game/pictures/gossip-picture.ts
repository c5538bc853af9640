// The gossip picture (Consul): the agents on a ring, servers as rounded squares and client agents as circles, the
// Raft leader crowned, and the servers and leader named in the centre. Every agent carries its member list as a row
// of marks (alive, suspect, dead: shape and colour), so after a crash the eye sees the news spread from row to row
// until the views agree. Under each agent, what the others make of it; around a suspect, its countdown. Probes and
// gossip ripple out of their sender while the packets fly; cut and slowed links are marked. Everything drawn comes
// from the room's state; nothing is decided here.

import type Phaser from "phaser";
import { type GameStateView, listValues, type NodeView } from "../../net/state";
import { AGENT_RIM, type AgentTag, type AgentTexts, drawAgent } from "../draw/gossip-agent";
import { drawRipples, ripplesOf } from "../draw/gossip-ripples";
import { SuspicionClock, suspicionKey } from "../draw/gossip-timers";
import { agentRole, type GossipModel, gossipModel, inQuestion, markOf, type Opinion } from "../draw/gossip-views";
import { LinkLayer } from "../draw/link-layer";
import { MessageLayer } from "../draw/message-layer";
import { INK } from "../draw/palette";
import { ringPositions, type Point } from "../draw/ring-layout";
import { SimClock } from "../draw/sim-clock";
import { TextPool } from "../draw/text-pool";
import type { Picture, PictureFrame } from "./picture";

const RING_RADIUS = 200;
const MARK_RADIUS = 100;
const PLATE_WIDTH = 236;
const FONT = "system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";

export class GossipPicture implements Picture {
  private readonly linkGraphics: Phaser.GameObjects.Graphics;
  private readonly messageGraphics: Phaser.GameObjects.Graphics;
  private readonly nodeGraphics: Phaser.GameObjects.Graphics;
  private readonly links: LinkLayer;
  private readonly messages: MessageLayer;
  private readonly texts: AgentTexts;
  private readonly title: TextPool;
  private readonly lines: TextPool;
  /** The room sends simulated time a few times a second; the countdowns run smoothly in between. */
  private readonly clock = new SimClock();
  private readonly suspicions = new SuspicionClock();
  private positions = new Map<string, Point>();
  private lastFacts: Record<string, string> = { picture: "gossip" };

  constructor(
    scene: Phaser.Scene,
    private readonly center: Point,
  ) {
    this.linkGraphics = scene.add.graphics().setDepth(0);
    this.messageGraphics = scene.add.graphics().setDepth(1);
    this.nodeGraphics = scene.add.graphics().setDepth(2);
    // Scissors and link labels go in the free band between the centre plate and the agents' member rows.
    this.links = new LinkLayer(scene, { mesh: false, nodeRadius: AGENT_RIM, markRadius: MARK_RADIUS, labelCuts: true });
    this.messages = new MessageLayer(scene, AGENT_RIM, "consul");
    const pool = (size: number, bold: boolean, extra: Phaser.Types.GameObjects.Text.TextStyle = {}) =>
      new TextPool(scene, { fontFamily: FONT, fontSize: `${size}px`, fontStyle: bold ? "bold" : "normal", color: "#eef2f8", ...extra }, 3);
    const tag = (background: string) => pool(12, true, { backgroundColor: background, padding: { x: 4, y: 1 } });
    this.texts = {
      id: pool(20, true),
      small: pool(12, false),
      role: pool(11, true),
      tags: { suspect: tag("#f0e442"), dead: tag("#2a1a14"), quiet: tag("#182133") },
    };
    this.title = pool(24, true);
    this.lines = pool(14, false, { align: "center", wordWrap: { width: PLATE_WIDTH - 16 } });
  }

  draw(frame: PictureFrame): number {
    const { state, ids } = frame;
    const wall = performance.now();
    this.clock.sync(state.simTime, state.speed, state.phase === "running" && !state.paused, wall);
    const now = this.clock.now(wall);
    this.positions = ringPositions(ids, this.center, RING_RADIUS);
    const model = gossipModel(state, ids);
    for (const g of [this.linkGraphics, this.messageGraphics, this.nodeGraphics]) g.clear();
    for (const p of this.pools()) p.begin();

    this.links.draw(this.linkGraphics, ids, this.positions, listValues(state.links), this.center);
    let flying = 0;
    if (frame.reducedMotion) this.messages.drawStatic(this.messageGraphics, frame.flights, this.positions);
    else flying = this.messages.drawFlying(this.messageGraphics, frame.flights, this.positions);
    const ripples = ripplesOf(frame.flights);
    drawRipples(this.messageGraphics, ripples, this.positions, AGENT_RIM, frame.reducedMotion);

    const timers = this.drawAgents(state, model, frame, now);
    this.drawCenter(state, model);
    for (const p of this.pools()) p.end();
    this.lastFacts = describe(model, timers, ripples.length, frame.reducedMotion);
    return flying;
  }

  nodeAt(x: number, y: number): string | null {
    for (const [id, p] of this.positions) if (Math.hypot(p.x - x, p.y - y) <= AGENT_RIM + 4) return id;
    return null;
  }

  facts(): Record<string, string> {
    return this.lastFacts;
  }

  destroy(): void {
    this.links.destroy();
    this.messages.destroy();
    for (const p of this.pools()) p.destroy();
    for (const g of [this.linkGraphics, this.messageGraphics, this.nodeGraphics]) g.destroy();
  }

  private pools(): TextPool[] {
    const t = this.texts;
    return [t.id, t.small, t.role, t.tags.suspect, t.tags.dead, t.tags.quiet, this.title, this.lines];
  }

  /** Draws every agent; returns the countdown shown for each suspect (member -> seconds left, as written). */
  private drawAgents(state: GameStateView, model: GossipModel, frame: PictureFrame, now: number): Map<string, string> {
    const timers = new Map<string, string>();
    const held = new Set<string>();
    for (const id of model.ids) {
      const node = state.nodes.get(id);
      const at = this.positions.get(id);
      const opinion = model.opinions.get(id);
      if (!node || !at || !opinion) continue;
      const soonest = this.soonest(opinion, now, held);
      if (soonest) timers.set(id, countdown(soonest.deadAt, now, frame.reducedMotion));
      const view = model.views.get(id);
      drawAgent(this.nodeGraphics, this.texts, {
        node,
        role: agentRole(node, model.leader),
        at,
        row: view ? model.ids.map((member) => ({ member, mark: markOf(view, member) })) : null,
        tags: tagsFor(node, opinion, soonest ? timers.get(id) : undefined),
        // With reduced motion the countdown is its words alone: no arc shrinking.
        timer: soonest && !frame.reducedMotion ? soonest.remaining : null,
        selectedSlot: frame.picked.indexOf(id),
      });
    }
    this.suspicions.retain(held);
    return timers;
  }

  /** The suspicion of this member that runs out first, and how much of it is left; every suspicion is tracked. */
  private soonest(o: Opinion, now: number, held: Set<string>): { deadAt: number; remaining: number } | null {
    let best: { deadAt: number; remaining: number } | null = null;
    for (const s of o.suspect) {
      if (s.deadAt === null) continue;
      held.add(suspicionKey(s.by, o.node));
      const remaining = this.suspicions.remaining(s.by, o.node, s.deadAt, now);
      if (!best || s.deadAt < best.deadAt) best = { deadAt: s.deadAt, remaining };
    }
    return best;
  }

  /** The plate in the middle: the Raft leader, the servers, and where the agents' views differ. */
  private drawCenter(state: GameStateView, model: GossipModel): void {
    const c = this.center;
    const title = model.leader ? `leader ${model.leader}` : "no leader";
    const status = state.phase === "lobby" ? ["waiting for the host to start"] : [...(state.paused ? ["paused"] : []), viewsLine(model)];
    const lines = [`servers: ${model.servers.join(" ") || "none"}`, ...status];
    const line = this.lines.take(lines.join("\n"), c.x, 0, "#c9d3e3", 0.5, 0);
    const height = 36 + line.height;
    const top = c.y - height / 2;
    this.nodeGraphics.fillStyle(INK.background, 0.92);
    this.nodeGraphics.fillRoundedRect(c.x - PLATE_WIDTH / 2, top - 6, PLATE_WIDTH, height + 12, 12);
    this.title.take(title, c.x, top + 15, model.leader ? "#f0e442" : "#ff8a4c", 0.5);
    line.setY(Math.round(top + 34));
  }
}

/** "3.2 s" while moving; with reduced motion whole seconds ("4 s"), so the words change once a second. */
function countdown(deadAt: number, now: number, still: boolean): string {
  const seconds = Math.max(0, deadAt - now) / 1000;
  return still ? `${Math.ceil(seconds)} s` : `${seconds.toFixed(1)} s`;
}

/** What the others make of an agent, shortest words first: suspected (and for how long), dead, not noticed. */
function tagsFor(node: NodeView, o: Opinion, left: string | undefined): AgentTag[] {
  const tags: AgentTag[] = [];
  const others = o.alive.length + o.suspect.length + o.dead.length + o.left.length + o.unknown.length;
  if (o.suspect.length > 0) tags.push({ text: `suspected by ${o.suspect.length}${left ? ` · ${left}` : ""}`, tone: "suspect" });
  if (o.dead.length > 0) tags.push({ text: o.dead.length === others ? "dead to all" : `dead to ${o.dead.length}`, tone: "dead" });
  if (!node.up && o.alive.length > 0) tags.push({ text: `still alive to ${o.alive.length}`, tone: "quiet" });
  if (o.left.length > 0) tags.push({ text: `left, to ${o.left.length}`, tone: "quiet" });
  return tags;
}

/** The centre's last line: every view agrees, or which members are in question and how. */
function viewsLine(model: GossipModel): string {
  const opinions = [...model.opinions.values()];
  const unnoticed = opinions.filter((o) => !o.up && o.suspect.length + o.dead.length === 0).map((o) => o.node);
  const suspected = opinions.filter((o) => o.suspect.length > 0).map((o) => o.node);
  const dead = opinions.filter((o) => o.dead.length > 0).map((o) => o.node);
  const parts: string[] = [];
  if (unnoticed.length > 0) parts.push(`down, unnoticed: ${unnoticed.join(" ")}`);
  if (suspected.length > 0) parts.push(`suspected: ${suspected.join(" ")}`);
  if (dead.length > 0) parts.push(`declared dead: ${dead.join(" ")}`);
  if (parts.length > 0) return parts.join("\n");
  return opinions.some(inQuestion) ? "views differ" : `all ${model.views.size} see each other alive`;
}

function describe(model: GossipModel, timers: Map<string, string>, ripples: number, still: boolean): Record<string, string> {
  const opinions = [...model.opinions.values()];
  const ids = (pick: (o: Opinion) => boolean) => opinions.filter(pick).map((o) => o.node).join(" ");
  const sum = (count: (o: Opinion) => number) => String(opinions.reduce((n, o) => n + count(o), 0));
  return {
    picture: "gossip",
    leader: model.leader,
    servers: model.servers.join(" "),
    down: ids((o) => !o.up),
    suspects: ids((o) => o.suspect.length > 0),
    dead: ids((o) => o.dead.length > 0),
    suspectViews: sum((o) => o.suspect.length),
    deadViews: sum((o) => o.dead.length),
    timers: [...timers].map(([id, left]) => `${id} ${left}`).join(", "),
    timerArcs: String(still ? 0 : timers.size),
    ripples: String(ripples),
  };
}
