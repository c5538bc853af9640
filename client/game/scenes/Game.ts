// Game: the live cluster. Each frame it reads the room's state (the SDK keeps it current), estimates the simulated
// time, tracks the messages in flight and hands the frame to the picture that fits the system: the Raft ring (etcd),
// the token ring (Cassandra, any system whose nodes have tokens), the drive racks (MinIO, nodes with drives) or the
// partition logs (Kafka).
// Clicking a node selects it; all other input happens in the DOM overlay, which this scene mounts and unmounts.

import Phaser from "phaser";
import { sortedValues, type GameStateView, type MessageView } from "../../net/state";
import { FlightTracker } from "../draw/flights";
import type { Session } from "../../session";
import { mountGameOverlay } from "../../ui/hud/game-overlay";
import { hosts } from "../../ui/hosts";
import { mountRolePicker } from "../../ui/menu/role-picker";
import { showToast } from "../../ui/toast";
import { SimClock } from "../draw/sim-clock";
import { type PictureKind, pictureKind } from "../pictures/kind";
import type { Picture } from "../pictures/picture";
import { DriveRackPicture } from "../pictures/drive-rack-picture";
import { GossipPicture } from "../pictures/gossip-picture";
import { KeyspacePicture } from "../pictures/keyspace-picture";
import { PartitionLogPicture } from "../pictures/partition-log-picture";
import { RaftPicture } from "../pictures/raft-picture";
import { SlotMapPicture } from "../pictures/slot-map-picture";
import { TokenRingPicture } from "../pictures/token-ring-picture";
import { HEIGHT, sessionOf, WIDTH } from "../stage";

const CENTER = { x: WIDTH / 2, y: HEIGHT / 2 - 4 };
const RING_CENTER = { x: WIDTH / 2, y: HEIGHT / 2 };

const RAFT_LABEL = "Cluster diagram: the nodes on a ring, their roles, logs and the messages between them. The node table below says the same in words.";
const TOKEN_RING_LABEL =
  "Cluster diagram: the token ring, each arc coloured and textured by the node that owns it, the nodes around it by datacenter, hints waiting, and the messages between them. The node table and the key list below say the same in words.";
const DRIVE_RACK_LABEL =
  "Cluster diagram: each server as a rack of drives, failed drives crossed out, heal queues, the picked object's data and parity shards on the drives that hold them, and the messages between servers. The node table and the object list below say the same in words.";

const PARTITION_LOG_LABEL =
  "Cluster diagram: the Kafka brokers and the active controller, then each partition as a row of log strips, one per replica, with its log end offset, its high watermark, the leader starred and replicas out of the in-sync set dashed; the consumer group's members with their partitions, and the messages between brokers. The node table below says the same in words.";

const SLOT_MAP_LABEL =
  "Cluster diagram: the 16384 hash slots in four rows, each range coloured and textured by the master that serves it and labelled with its name, migrating slots cross-hatched, uncovered slots crossed out; below, the masters with their replicas and replication lag, a running reshard as an arrow, the latest MOVED or ASK redirection as the client's two hops, and the messages between nodes. The node table below says the same in words.";

const GOSSIP_LABEL =
  "Cluster diagram: the Consul agents on a ring, servers and the Raft leader marked, each agent's view of the others (alive, suspect with its timer running down, dead), probes and gossip as ripples, and the messages between agents. The node table below says the same in words.";

const KEYSPACE_LABEL =
  "Cluster diagram: the keyspace as a bar cut into ranges, each range's replicas, leaseholder and Raft leader, intents and transaction records; the nodes by region and zone with their clocks drawn against true time, and the messages between nodes. The node table below says the same in words.";

const LABELS: Record<PictureKind, string> = { gossip: GOSSIP_LABEL, keyspace: KEYSPACE_LABEL, raft: RAFT_LABEL, "token-ring": TOKEN_RING_LABEL, "drive-rack": DRIVE_RACK_LABEL, "partition-log": PARTITION_LOG_LABEL, "slot-map": SLOT_MAP_LABEL };

export class Game extends Phaser.Scene {
  private session!: Session;
  private readonly clock = new SimClock();
  private readonly flights = new FlightTracker();
  private lastSimTime = 0;
  private picture: Picture | null = null;
  private pictureFor = "";
  private shownFacts: Record<string, string> = {};
  private cleanups: (() => void)[] = [];
  private closePicker: (() => void) | null = null;

  constructor() {
    super("Game");
  }

  create(): void {
    this.session = sessionOf(this);
    this.picture = null;
    this.pictureFor = "";
    this.shownFacts = {};

    this.input.on(Phaser.Input.Events.POINTER_DOWN, (pointer: Phaser.Input.Pointer) => this.pick(pointer.worldX, pointer.worldY));
    this.input.on(Phaser.Input.Events.POINTER_MOVE, (pointer: Phaser.Input.Pointer) => {
      this.game.canvas.style.cursor = this.picture?.nodeAt(pointer.worldX, pointer.worldY) ? "pointer" : "default";
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

    const picture = this.pictureOf(state);
    const ids = sortedValues(state.nodes, (n) => n.id).map((n) => n.id);
    const current: MessageView[] = [];
    state.messages.forEach((m) => {
      current.push(m);
    });
    if (state.simTime < this.lastSimTime) this.flights.clear();
    this.lastSimTime = state.simTime;
    const flights = this.flights.update(current, now, wall);
    const flying = picture.draw({
      state,
      ids,
      flights,
      reducedMotion: this.session.reducedMotion,
      picked: this.session.selection.nodes,
      key: this.session.selection.shownKey,
    });
    this.expose(flights.length, flying, picture.facts());
  }

  /** The picture for this state's system, made anew when the kind changes (a new round of another level). */
  private pictureOf(state: GameStateView): Picture {
    const kind = pictureKind(state);
    const want = `${kind}|${state.system}`;
    if (this.picture && this.pictureFor === want) return this.picture;
    this.picture?.destroy();
    this.picture = this.makePicture(kind, state.system);
    this.pictureFor = want;
    this.game.canvas.setAttribute("aria-label", LABELS[kind]);
    return this.picture;
  }

  private makePicture(kind: PictureKind, system: string): Picture {
    switch (kind) {
      case "gossip":
        return new GossipPicture(this, CENTER);
      case "keyspace":
        return new KeyspacePicture(this, CENTER);
      case "partition-log":
        return new PartitionLogPicture(this, system);
      case "slot-map":
        return new SlotMapPicture(this, system);
      case "drive-rack":
        return new DriveRackPicture(this, RING_CENTER, system);
      case "token-ring":
        return new TokenRingPicture(this, RING_CENTER, system);
      case "raft":
        return new RaftPicture(this, CENTER);
    }
  }

  /** For tests and curious users: how many messages are in flight, how many are drawn moving, what is drawn. */
  private expose(inFlight: number, flying: number, facts: Record<string, string>): void {
    const host = hosts.canvas;
    const motion = this.session.reducedMotion ? "reduced" : "full";
    if (host.dataset.motion !== motion) host.dataset.motion = motion;
    if (host.dataset.inFlight !== String(inFlight)) host.dataset.inFlight = String(inFlight);
    if (host.dataset.flying !== String(flying)) host.dataset.flying = String(flying);
    for (const name of Object.keys(this.shownFacts)) if (!(name in facts)) delete host.dataset[name];
    for (const [name, value] of Object.entries(facts)) if (host.dataset[name] !== value) host.dataset[name] = value;
    this.shownFacts = facts;
  }

  private pick(x: number, y: number): void {
    const id = this.picture?.nodeAt(x, y);
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
    this.picture?.destroy();
    this.picture = null;
    for (const name of Object.keys(this.shownFacts)) delete hosts.canvas.dataset[name];
    this.shownFacts = {};
    this.game.canvas.style.cursor = "default";
  }
}

