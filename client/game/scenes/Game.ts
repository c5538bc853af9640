// Game: the live cluster. Each frame it reads the room's state (the SDK keeps it current) and draws the ring of
// nodes, the links and the messages in flight at the estimated simulated time. Clicking a node selects it; all
// other input happens in the DOM overlay, which this scene mounts and unmounts.

import Phaser from "phaser";
import { listValues, sortedValues, type GameStateView, type MessageView } from "../../net/state";
import { FlightTracker } from "../draw/flights";
import type { Session } from "../../session";
import { mountGameOverlay } from "../../ui/hud/game-overlay";
import { hosts } from "../../ui/hosts";
import { mountRolePicker } from "../../ui/menu/role-picker";
import { showToast } from "../../ui/toast";
import { LinkLayer } from "../draw/link-layer";
import { MessageLayer } from "../draw/message-layer";
import { NODE_RADIUS, NodeGlyph } from "../draw/node-glyph";
import { INK } from "../draw/palette";
import { ringPositions, type Point } from "../draw/ring-layout";
import { SimClock } from "../draw/sim-clock";
import { HEIGHT, sessionOf, WIDTH } from "../stage";

const CENTER = { x: WIDTH / 2, y: HEIGHT / 2 - 4 };
const RING_RADIUS = 200;
const FONT = "system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";

export class Game extends Phaser.Scene {
  private session!: Session;
  private readonly clock = new SimClock();
  private readonly flights = new FlightTracker();
  private lastSimTime = 0;
  private linkGraphics!: Phaser.GameObjects.Graphics;
  private messageGraphics!: Phaser.GameObjects.Graphics;
  private nodeGraphics!: Phaser.GameObjects.Graphics;
  private links!: LinkLayer;
  private messages!: MessageLayer;
  private glyphs = new Map<string, NodeGlyph>();
  private positions = new Map<string, Point>();
  private centerTitle!: Phaser.GameObjects.Text;
  private centerLine!: Phaser.GameObjects.Text;
  private cleanups: (() => void)[] = [];
  private closePicker: (() => void) | null = null;

  constructor() {
    super("Game");
  }

  create(): void {
    this.session = sessionOf(this);
    this.glyphs = new Map();
    this.linkGraphics = this.add.graphics().setDepth(0);
    this.messageGraphics = this.add.graphics().setDepth(1);
    this.nodeGraphics = this.add.graphics().setDepth(2);
    this.links = new LinkLayer(this);
    this.messages = new MessageLayer(this);
    const text = (size: number, color: string, bold: boolean) =>
      this.add
        .text(CENTER.x, CENTER.y, "", { fontFamily: FONT, fontSize: `${size}px`, color, fontStyle: bold ? "bold" : "normal", align: "center" })
        .setOrigin(0.5)
        .setResolution(2)
        .setDepth(3);
    this.centerTitle = text(26, "#eef2f8", true).setY(CENTER.y - 14);
    this.centerLine = text(14, "#a3afc2", false).setY(CENTER.y + 16);

    this.input.on(Phaser.Input.Events.POINTER_DOWN, (pointer: Phaser.Input.Pointer) => this.pick(pointer.worldX, pointer.worldY));
    this.input.on(Phaser.Input.Events.POINTER_MOVE, (pointer: Phaser.Input.Pointer) => {
      this.game.canvas.style.cursor = this.nodeAt(pointer.worldX, pointer.worldY) ? "pointer" : "default";
    });

    this.cleanups.push(
      mountGameOverlay(this.session, hosts.overlay, { changeRole: () => this.openRolePicker(), leave: () => this.leave() }),
      this.session.onLeave((reason) => this.toMenu(reason)),
    );
    // The role picker just closed: put keyboard focus where the player's controls start.
    hosts.overlay.sidebar.focus();
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => this.teardown());
  }

  override update(): void {
    const state = this.session.state;
    if (!state) return;
    const wall = performance.now();
    this.clock.sync(state.simTime, state.speed, state.phase === "running" && !state.paused, wall);
    const now = this.clock.now(wall);

    const ids = sortedValues(state.nodes, (n) => n.id).map((n) => n.id);
    this.positions = ringPositions(ids, CENTER, RING_RADIUS);
    this.linkGraphics.clear();
    this.messageGraphics.clear();
    this.nodeGraphics.clear();

    this.links.draw(this.linkGraphics, ids, this.positions, listValues(state.links), CENTER);
    const current: MessageView[] = [];
    state.messages.forEach((m) => {
      current.push(m);
    });
    if (state.simTime < this.lastSimTime) this.flights.clear();
    this.lastSimTime = state.simTime;
    const flights = this.flights.update(current, now, wall);
    let flying = 0;
    if (this.session.reducedMotion) this.messages.drawStatic(this.messageGraphics, flights, this.positions);
    else flying = this.messages.drawFlying(this.messageGraphics, flights, this.positions);
    this.drawNodes(state, ids);
    this.drawCenter(state);
    this.exposeCounts(flights.length, flying);
  }

  private drawNodes(state: GameStateView, ids: string[]): void {
    const picked = this.session.selection.nodes;
    for (const id of ids) {
      let glyph = this.glyphs.get(id);
      if (!glyph) {
        glyph = new NodeGlyph(this);
        this.glyphs.set(id, glyph);
      }
      const node = state.nodes.get(id);
      const at = this.positions.get(id);
      if (node && at) glyph.draw(this.nodeGraphics, node, at, picked.indexOf(id));
    }
    for (const [id, glyph] of this.glyphs) {
      if (!ids.includes(id)) {
        glyph.destroy();
        this.glyphs.delete(id);
      }
    }
  }

  private drawCenter(state: GameStateView): void {
    // A backing plate keeps the summary readable over the links that cross the ring's centre.
    this.nodeGraphics.fillStyle(INK.background, 0.92);
    this.nodeGraphics.fillRoundedRect(CENTER.x - 85, CENTER.y - 36, 170, 66, 12);
    this.centerTitle.setText(state.leader ? `leader ${state.leader}` : "no leader");
    this.centerTitle.setColor(state.leader ? "#f0e442" : "#ff8a4c");
    const line =
      state.phase === "lobby" ? "waiting for the host to start" : state.paused ? `term ${state.term} · paused` : `term ${state.term}`;
    this.centerLine.setText(line);
  }

  /** For tests and curious users: how many messages are in flight and how many are drawn moving. */
  private exposeCounts(inFlight: number, flying: number): void {
    const host = hosts.canvas;
    const motion = this.session.reducedMotion ? "reduced" : "full";
    if (host.dataset.motion !== motion) host.dataset.motion = motion;
    if (host.dataset.inFlight !== String(inFlight)) host.dataset.inFlight = String(inFlight);
    if (host.dataset.flying !== String(flying)) host.dataset.flying = String(flying);
  }

  private nodeAt(x: number, y: number): string | null {
    for (const [id, p] of this.positions) if (Math.hypot(p.x - x, p.y - y) <= NODE_RADIUS + 6) return id;
    return null;
  }

  private pick(x: number, y: number): void {
    const id = this.nodeAt(x, y);
    if (id) this.session.selection.toggle(id);
  }

  private openRolePicker(): void {
    this.closePicker?.();
    const close = () => {
      this.closePicker?.();
      this.closePicker = null;
    };
    this.closePicker = mountRolePicker(hosts.screen, this.session, { chosen: close, cancel: close, leave: () => this.leave() });
  }

  private leave(): void {
    void this.session.leave().then(() => this.toMenu(""));
  }

  private toMenu(reason: string): void {
    if (reason) showToast(reason);
    this.scene.start("Menu");
  }

  private teardown(): void {
    this.closePicker?.();
    this.closePicker = null;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    for (const glyph of this.glyphs.values()) glyph.destroy();
    this.glyphs.clear();
    this.game.canvas.style.cursor = "default";
  }
}

