// Where a whole-class cluster's bytes go (`npx tsx server/tools/bench-class-bytes.ts [--nodes N] [--seconds N]`):
// the class bench (bench-class.ts) measures bytes per student on real sockets, which says how many but not which.
// This runs the same room in one process, deterministically: the class bench's level grown to N nodes, every node
// played by a person who crashes and restarts it every 3 to 7 seconds (bench-class-bots.ts's node students), the
// room's projection every 50 ms tick at the level's speed and after every action (as GameRoom does), and the schema encoder as the room runs it (the shared
// patch once, then each node player's own view). It prints the bytes one student receives per second, and how many
// of them each part of the state costs, found by projecting the same round again without that part.

import path from "node:path";
import { fileURLToPath } from "node:url";
import { Encoder, StateView } from "@colyseus/schema";
import { growCluster } from "../../shared/levels/class-cluster";
import { Round } from "../../shared/levels/round";
import { Rng } from "../../shared/sim/rng";
import { levelCatalog } from "../levels-catalog";
import { TICK_MS } from "../rooms/GameRoom";
import { Projector } from "../rooms/projection";
import { roundSource } from "../rooms/round-source";
import { GameState } from "../rooms/schema/GameState";
import { ROOM_CHAOS } from "../store";
import { CLASS_BENCH_LEVEL } from "./bench-class";
import { textTable } from "./text-table";

/** The parts of the projection that can be left out to see what they cost. */
const PARTS = ["nodes", "messages", "links", "feed", "inboxes", "keys", "summary", "objectives"] as const;
type Part = (typeof PARTS)[number];
const METHOD: Record<Part, string> = {
  nodes: "projectNodes",
  messages: "projectMessages",
  links: "projectLinks",
  feed: "projectFeed",
  inboxes: "projectInboxes",
  keys: "projectKeys",
  summary: "projectSummary",
  objectives: "projectObjectives",
};

export interface ByteRun {
  /** Bytes one student receives per second (shared patches plus their own view), averaged over the students. */
  perStudent: number;
  /** Of those, the shared patch's. */
  shared: number;
  /** Shared patches per second that carried anything. */
  patches: number;
  /** Per NodeView field: changes per second over all nodes. */
  nodeFieldChanges: Record<string, number>;
}

/** One deterministic run of the room's projection and encoding, without the parts in `skip`. */
export function runBytes(nodes: number, seconds: number, skip: ReadonlySet<Part> = new Set()): ByteRun {
  const base = levelCatalog().get(CLASS_BENCH_LEVEL);
  if (!base) throw new Error(`bench-class-bytes: no level ${CLASS_BENCH_LEVEL}`);
  const level = growCluster(base, nodes);
  const round = new Round({ level, seed: 1, chaos: ROOM_CHAOS });
  const ids = round.sim.nodes.slice();
  round.setHumans(ids.map((node) => ({ role: "node" as const, node })));
  const state = new GameState();
  const encoder = new Encoder(state);
  const projector = new Projector(state);
  const skipped = projector as unknown as Record<string, unknown>;
  for (const part of skip) skipped[METHOD[part]] = () => undefined;
  const played = new Set(ids);
  projector.project(roundSource(round), played);
  const views = ids.map((node) => {
    const view = new StateView();
    const inbox = state.inbox.get(node);
    if (inbox) view.add(inbox);
    return view;
  });
  encoder.encodeAll();
  for (const view of views) encoder.encodeAllView(view, 1, { offset: 1 });
  encoder.discardChanges();

  const rng = new Rng(20261202);
  const nextAct = ids.map(() => Math.floor(rng.float() * 7000));
  const acts = ids.map(() => 0);
  const simPerTick = TICK_MS * level.speed;
  const ticks = Math.round((seconds * 1000) / TICK_MS);
  let shared = 0;
  let viewBytes = 0;
  let patches = 0;
  const fieldChanges: Record<string, number> = {};
  let wall = 0;
  for (let tick = 0; tick < ticks && round.outcome === "unfinished"; tick++) {
    wall += TICK_MS;
    ids.forEach((node, i) => {
      if (wall < nextAct[i]) return;
      try {
        round.act("node", { type: acts[i] % 2 === 0 ? "crash-self" : "restart-self" }, { node });
        // The room projects after every action it takes (GameRoom.act), so what the action sent is in flight then.
        projector.project(roundSource(round), played);
      } catch {
        // A refused action (the node is already down) changes nothing, as in the room.
      }
      acts[i]++;
      nextAct[i] = wall + 3000 + Math.floor(rng.float() * 4000);
    });
    round.advanceTo(round.now + simPerTick);
    const before = new Map([...state.nodes.values()].map((n) => [n.id, { ...n.toJSON() }]));
    projector.project(roundSource(round), played);
    for (const view of state.nodes.values()) {
      const old = before.get(view.id) as Record<string, unknown> | undefined;
      if (!old) continue;
      const now = view.toJSON() as Record<string, unknown>;
      for (const [k, v] of Object.entries(now)) if (JSON.stringify(v) !== JSON.stringify(old[k])) fieldChanges[k] = (fieldChanges[k] ?? 0) + 1;
    }
    if (!encoder.hasChanges) {
      for (const view of views) if (view.changes.size > 0) viewBytes += encoder.encodeView(view, 1, { offset: 1 }).length;
      continue;
    }
    const it = { offset: 1 };
    const patch = encoder.encode(it);
    const sharedOffset = it.offset;
    shared += patch.length;
    patches++;
    for (const view of views) viewBytes += encoder.encodeView(view, sharedOffset, it).length - sharedOffset;
    encoder.discardChanges();
  }
  const secs = (ticks * TICK_MS) / 1000;
  const perSec = (n: number) => Math.round(n / secs);
  return {
    perStudent: perSec(shared + viewBytes / ids.length),
    shared: perSec(shared),
    patches: perSec(patches),
    nodeFieldChanges: Object.fromEntries(Object.entries(fieldChanges).map(([k, v]) => [k, Math.round((v / secs) * 10) / 10])),
  };
}

function readArgs(argv: readonly string[]): { nodes: number; seconds: number } {
  const options = { nodes: 30, seconds: 60 };
  for (let i = 0; i < argv.length; i += 2) {
    const value = Number(argv[i + 1]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`bench-class-bytes: ${argv[i]} needs a whole number, got ${JSON.stringify(argv[i + 1] ?? "")}`);
    if (argv[i] === "--nodes") options.nodes = value;
    else if (argv[i] === "--seconds") options.seconds = value;
    else throw new Error(`bench-class-bytes: unknown option ${argv[i]} (use --nodes N, --seconds N)`);
  }
  return options;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { nodes, seconds } = readArgs(process.argv.slice(2));
  const all = runBytes(nodes, seconds);
  const rows = [["everything", String(all.perStudent), String(all.shared)]];
  for (const part of PARTS) {
    const without = runBytes(nodes, seconds, new Set([part]));
    rows.push([part, String(all.perStudent - without.perStudent), String(all.shared - without.shared)]);
  }
  console.log(`${CLASS_BENCH_LEVEL} grown to ${nodes} nodes, every node a person crashing and restarting it; ${seconds} s; ${all.patches} patches/s`);
  console.log(textTable(["part", "B/student/s", "of it shared"], rows, new Set([1, 2])));
  console.log("\nNodeView field changes per second (all nodes):");
  console.log(Object.entries(all.nodeFieldChanges).sort((a, b) => b[1] - a[1]).map(([k, v]) => `  ${k}: ${v}`).join("\n"));
  // Colyseus keeps timers in module state (GameRoom's import); the numbers are out, so end the process.
  process.exit(0);
}
