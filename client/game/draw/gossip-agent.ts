// One Consul agent in the gossip picture. Its body says what it is by shape as well as words: a server is a rounded
// square, a client agent a circle, the Raft leader a server with a thick yellow outline, a crown and the word
// leader; a crashed agent is grey, dashed, crossed and says DOWN. Its incarnation sits beside it. Under it, its
// member list: one mark per member in id order (n1 first), so the rows of all agents can be compared at a glance and
// a crash is seen spreading through them. Below that, what the others think of this agent (suspected by how many
// and for how long, dead to how many, or still seen alive although it is down), and around a suspect a countdown.
// Words stay inside and below the body: above it there is only the crown, so neighbours on the ring never collide.

import type Phaser from "phaser";
import type { NodeView } from "../../net/state";
import type { AgentRole, MemberMark } from "./gossip-views";
import { css, INK, OKABE_ITO } from "./palette";
import type { Point } from "./ring-layout";
import { dashedCircle, dashedLine, drawCrown, drawCross } from "./shapes";
import type { TextPool } from "./text-pool";

const AGENT_RADIUS = 32;
/** Messages and ripples leave from here: just outside a server's square corners. */
export const AGENT_RIM = 36;
const SQUARE_HALF = 30;
const TIMER_RADIUS = 43;
const SELECTION_RADIUS = 48;
const MARK_SIZE = 5.5;
const ROW_WIDTH = 118;
const MAX_PITCH = 14;
const TAG_PITCH = 16;
/** The member row sits below the countdown arc and the selection ring, so neither crosses it. */
const ROW_DROP = 56;

type G = Phaser.GameObjects.Graphics;

const MARK_COLORS: Readonly<Record<MemberMark, number>> = {
  alive: OKABE_ITO.bluishGreen,
  suspect: OKABE_ITO.yellow,
  dead: OKABE_ITO.vermillion,
  left: OKABE_ITO.grey,
  unknown: OKABE_ITO.grey,
};

export type TagTone = "suspect" | "dead" | "quiet";

export interface AgentTag {
  text: string;
  tone: TagTone;
}

export interface AgentLook {
  node: NodeView;
  role: AgentRole;
  at: Point;
  /** Its view of every member in id order (itself included, drawn as a dot); null when it is down. */
  row: { member: string; mark: MemberMark }[] | null;
  tags: AgentTag[];
  /** The fraction of the soonest suspicion of it still to run, for the arc; null for no arc. */
  timer: number | null;
  /** 0 or 1 when the player picked it (first or second pick), -1 otherwise. */
  selectedSlot: number;
}

export interface AgentTexts {
  id: TextPool;
  small: TextPool;
  role: TextPool;
  tags: Readonly<Record<TagTone, TextPool>>;
}

export function drawAgent(g: G, texts: AgentTexts, look: AgentLook): void {
  const { node, at } = look;
  if (look.timer !== null) drawTimer(g, at, look.timer);
  drawBody(g, look);
  texts.id.take(node.id, at.x, at.y - 7, node.up ? "#eef2f8" : "#9aa0a8", 0.5);
  drawRoleWord(g, texts, look);
  // Beside the body, outside the selection ring, so picking the agent never covers its incarnation.
  if (node.up) texts.small.take(`inc ${node.stats.get("incarnation") ?? 0}`, at.x + SELECTION_RADIUS + 4, at.y, "#a3afc2", 0);
  // A crashed agent sees nothing (its gossip state is gone): no row, and what the others think moves up.
  const rowY = at.y + ROW_DROP;
  if (look.row) drawRow(g, look.row, node.id, at.x, rowY);
  const firstTag = look.row ? rowY + TAG_PITCH : rowY;
  look.tags.forEach((tag, i) => {
    texts.tags[tag.tone].take(tag.text, at.x, firstTag + i * TAG_PITCH, TAG_INK[tag.tone], 0.5);
  });
  if (look.selectedSlot >= 0) drawSelection(g, at, look.selectedSlot);
}

const TAG_INK: Readonly<Record<TagTone, string>> = { suspect: "#0f1521", dead: "#ff8a4c", quiet: "#c9d3e3" };

/** One member as an agent sees it: alive a filled circle, suspect a triangle, dead a cross, left a dash. */
function drawMemberMark(g: G, mark: MemberMark, x: number, y: number, size: number): void {
  const color = MARK_COLORS[mark];
  switch (mark) {
    case "alive":
      g.fillStyle(color, 1);
      g.fillCircle(x, y, size * 0.85);
      return;
    case "suspect":
      g.fillStyle(color, 1);
      g.fillTriangle(x, y - size * 1.1, x + size, y + size * 0.75, x - size, y + size * 0.75);
      return;
    case "dead":
      drawCross(g, x, y, size * 0.8, color, 2.5);
      return;
    case "left":
      g.lineStyle(2.5, color, 1);
      g.lineBetween(x - size * 0.8, y, x + size * 0.8, y);
      return;
    case "unknown":
      g.lineStyle(1.5, color, 0.8);
      g.strokeCircle(x, y, size * 0.7);
      return;
  }
}

function drawRow(g: G, row: readonly { member: string; mark: MemberMark }[], self: string, cx: number, y: number): void {
  const pitch = Math.min(MAX_PITCH, ROW_WIDTH / Math.max(row.length, 1));
  const left = cx - (pitch * (row.length - 1)) / 2;
  row.forEach(({ member, mark }, i) => {
    const x = left + i * pitch;
    if (member === self) {
      g.fillStyle(INK.textMuted, 1);
      g.fillCircle(x, y, 1.6);
    } else drawMemberMark(g, mark, x, y, MARK_SIZE);
  });
}

function drawBody(g: G, look: AgentLook): void {
  const { node, at, role } = look;
  const server = role !== "client";
  g.fillStyle(node.up ? INK.nodeFill : INK.nodeFillDown, 1);
  if (server) g.fillRoundedRect(at.x - SQUARE_HALF, at.y - SQUARE_HALF, SQUARE_HALF * 2, SQUARE_HALF * 2, 10);
  else g.fillCircle(at.x, at.y, AGENT_RADIUS);
  if (!node.up) {
    g.lineStyle(2, INK.textDown, 1);
    if (server) dashedSquare(g, at);
    else dashedCircle(g, at.x, at.y, AGENT_RADIUS, 20, 0.5);
    // A darker vermillion than elsewhere: the id and DOWN are written over the cross and must stay readable.
    drawCross(g, at.x, at.y, AGENT_RADIUS * 0.55, 0x8a3a12, 3.5);
    return;
  }
  if (role === "leader") g.lineStyle(5, OKABE_ITO.yellow, 1);
  else if (server) g.lineStyle(3, 0xc9d3e3, 1);
  else g.lineStyle(2, INK.textMuted, 1);
  if (server) g.strokeRoundedRect(at.x - SQUARE_HALF, at.y - SQUARE_HALF, SQUARE_HALF * 2, SQUARE_HALF * 2, 10);
  else g.strokeCircle(at.x, at.y, AGENT_RADIUS);
}

function dashedSquare(g: G, at: Point): void {
  const h = SQUARE_HALF;
  const corners = [
    { x: at.x - h, y: at.y - h },
    { x: at.x + h, y: at.y - h },
    { x: at.x + h, y: at.y + h },
    { x: at.x - h, y: at.y + h },
  ];
  for (let i = 0; i < 4; i++) dashedLine(g, corners[i], corners[(i + 1) % 4], 6, 4);
}

/** The role under the id (DOWN for a crashed agent: its shape still says server or client); the leader's crown above. */
function drawRoleWord(g: G, texts: AgentTexts, look: AgentLook): void {
  const { node, at, role } = look;
  const y = at.y + 12;
  if (!node.up) texts.role.take("DOWN", at.x, y, "#ff9a66", 0.5);
  else if (role === "leader") {
    texts.role.take("leader", at.x, y, css(OKABE_ITO.yellow), 0.5);
    drawCrown(g, at.x, at.y - SQUARE_HALF - 13, 24, OKABE_ITO.yellow);
  } else texts.role.take(role, at.x, y, role === "server" ? "#dbe4f0" : "#9aa6b8", 0.5);
}

/** The countdown: a faint full ring, and the part of the suspicion still to run as a thick arc from the top. */
function drawTimer(g: G, at: Point, remaining: number): void {
  g.lineStyle(3, OKABE_ITO.yellow, 0.25);
  g.strokeCircle(at.x, at.y, TIMER_RADIUS);
  if (remaining <= 0) return;
  g.lineStyle(5, OKABE_ITO.yellow, 1);
  g.beginPath();
  g.arc(at.x, at.y, TIMER_RADIUS, -Math.PI / 2, -Math.PI / 2 + remaining * 2 * Math.PI, false);
  g.strokePath();
}

function drawSelection(g: G, at: Point, slot: number): void {
  const r = SELECTION_RADIUS;
  g.lineStyle(3, INK.selection, 1);
  g.strokeCircle(at.x, at.y, r);
  // Its pick marks (one dot: first pick, two: second), readable without the DOM labels.
  const bx = at.x + r * 0.7;
  const by = at.y - r * 0.7;
  g.fillStyle(INK.selection, 1);
  g.fillCircle(bx, by, 8);
  g.fillStyle(INK.background, 1);
  if (slot === 0) g.fillCircle(bx, by, 2.6);
  else {
    g.fillCircle(bx - 3, by, 2.2);
    g.fillCircle(bx + 3, by, 2.2);
  }
}
