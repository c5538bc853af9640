// `npm run bench`: the speed and memory targets (GUIDE §7 keeps them here, never in timed tests; issue 9).
//   (a) kernel events per second on a trivial system (bench-ring.ts), beside the bare priority-queue loop doing the
//       same scheduling with no work (bench-bare-loop.ts) as the practical limit; goal: kernel >= 50% of it. Where
//       the kernel's time goes is measured with a CPU profile of the same run (bench-profile.ts). Parts (a) and (b)
//       hash traces as the server does, through node:crypto (server/node-trace-hasher.ts; the digest is the same as
//       the browser's plain TypeScript SHA-256). Beside them, the same events' trace lines alone, written and hashed
//       with nothing else (bench-trace-floor.ts): the ceiling of a kernel that traces every event.
//   (b) every shipped level's simulated seconds per wall second, with its bots and workload, played with no chaos
//       and with the overrides below that keep a level running to its time limit (the Cassandra quorum level at
//       QUORUM/QUORUM, MinIO's parity level at EC:4, Kafka's acks level with acks=all and min.insync.replicas=2);
//       goal: >= 1000x for the five-node etcd level (etcd/leader-election)
//   (c) state patch bytes per client per second in a live room with one level of each system, over real WebSockets
//       (goal < 5 KB/s), beside what sending each client its whole state as JSON every tick would cost: each
//       client's decoded state, JSON.stringify(state.toJSON()) at every patch it receives, averaged, times the
//       room's ticks per second (so the client's own view: another player's private inbox is not in it)
//   (d) Reed–Solomon throughput for MinIO's 16-drive default, 12 data + 4 parity over 1 MiB blocks: encode, and
//       reconstruct with two data shards lost, beside a plain XOR pass over the same bytes as a baseline
//   (e) client frame time in headless Chromium (bench-frames.ts): a 64-member etcd cluster with hundreds of
//       messages in flight (server/tools/bench-levels/), p50/p95/max over 12 s (goal p95 < 16.7 ms), beside the
//       same scene at five members; the page's main thread is profiled meanwhile (bench-results/frames.cpuprofile)
//   (f) class sessions (bench-class.ts): 30 classes of 30 bot students on one server in a child process, half in
//       groups of five, half as one 30-node cluster; game-room tick p50/p99 (goal p99 < 20 ms), server CPU and
//       memory, bytes per client per second (goal < 5 KB/s)
//   (g) the production bundle (bench-bundle.ts): every emitted JS file gzipped, the entry chunk apportioned into
//       our code, Phaser and the other libraries; goal: the entry chunk without Phaser < 300 KB gzipped
//   and heap used after each part. Prints a table (a note under it for each missed goal: what limits it, measured)
//   and writes bench-results/bench.json: the rows grouped in sections (value, unit, goal, met, note), then each
//   part's raw figures.

import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { Round } from "../../shared/levels/round";
import type { Level } from "../../shared/levels/schema";
import { Rng } from "../../shared/sim/rng";
import { Simulation } from "../../shared/sim/simulation";
import { ReedSolomon, split, xorParity } from "../../shared/systems/minio/erasure";
import type { GameState } from "../rooms/schema/GameState";
import { bareLoops } from "./bench-bare-loop";
import { type BundleResult, measureBundle } from "./bench-bundle";
import { type BenchRow, benchClass, classBenchRows } from "./bench-class";
import { FRAME_LEVELS, type FrameResult, frameTimes } from "./bench-frames";
import { profileHere, type SelfTime, topFiles } from "./bench-profile";
import { ringSystem } from "./bench-ring";
import { ringTraceOnly } from "./bench-trace-floor";
import { readLevelFile } from "./level-file";
import { textTable } from "./text-table";
import { useNodeTraceHasher } from "../node-trace-hasher";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Overrides that keep a level running for its whole time limit instead of losing early with no one playing. */
const OVERRIDES: Readonly<Record<string, Record<string, unknown>>> = {
  "cassandra/quorum": { "cluster.readConsistency": "QUORUM", "cluster.writeConsistency": "QUORUM" },
  "minio/parity": { "cluster.parity": 4 },
  "kafka/acks": { "cluster.acks": "all", "cluster.minInsyncReplicas": 2 },
};
/** Issue 9: the five-node etcd level at >= 1000x real time (an earlier goal asked 200x). */
const GOALS: Readonly<Record<string, number>> = { "etcd/leader-election": 1000 };
/** Every shipped level, by id ("etcd/leader-election"), in catalog order. */
const LEVELS = shippedLevelIds().map((id) => ({ id, overrides: OVERRIDES[id] ?? {}, goal: GOALS[id] }));
/** One level per system for the room measure (c). */
const ROOM_LEVELS = ["etcd/leader-election", "cassandra/quorum", "minio/parity", "kafka/acks", "redis-cluster/reshard", "consul/gossip-tuning", "cockroach/lease-before-maintenance"];
/** How long each erasure-coding measure runs, in wall ms. */
const ERASURE_WALL_MS = 1500;
const KERNEL_WALL_MS = 2000;
const KERNEL_PASSES = 3;
const LEVEL_SEEDS = [1, 2, 3];
const LEVEL_PASSES = 3;
const ROOM_CLIENTS = 5;
const ROOM_MEASURE_MS = 10_000;
const KERNEL_GOAL = 0.5;
const BYTES_GOAL = 5000;
const FRAME_GOAL_MS = 16.7;
const BUNDLE_GOAL_BYTES = 300 * 1024;


/** Section titles by the letter each row's measure starts with, "(a) ...". */
const SECTIONS: Readonly<Record<string, string>> = {
  a: "kernel against the bare priority-queue loop",
  b: "shipped levels, simulated time per wall time",
  c: "room state bytes per client, against the whole state as JSON each tick",
  d: "Reed–Solomon erasure coding",
  e: "client frame time in headless Chromium",
  f: "class sessions: 900 bot clients",
  g: "production bundle, gzipped",
};

function shippedLevelIds(): string[] {
  const dir = path.join(ROOT, "levels");
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(path.join(dir, d.name))
        .filter((f) => f.endsWith(".json"))
        .map((f) => `${d.name}/${f.slice(0, -".json".length)}`),
    )
    .sort();
}

function heapMb(): number {
  return Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 10) / 10;
}

const RING_NODES = ["n1", "n2", "n3", "n4", "n5"];
const RING_SEED = 1;

/**
 * The ring for KERNEL_WALL_MS, then the same run (same events) again: the best pass counts, as the bare loop's
 * best pass does (bench-bare-loop.ts), since other load on the machine only ever slows a pass down. Timing one
 * window against the bare loop's best made the ratio fall with the machine's load, not with the kernel.
 */
function kernelEventsPerSecond(): { eventsPerSecond: number; events: number; wallMs: number; passes: number } {
  const sim = new Simulation({ system: ringSystem, nodes: RING_NODES, seed: RING_SEED });
  const started = performance.now();
  while (performance.now() - started < KERNEL_WALL_MS) sim.runUntil(sim.now + 1000);
  let bestMs = performance.now() - started;
  for (let pass = 1; pass < KERNEL_PASSES; pass++) {
    const again = new Simulation({ system: ringSystem, nodes: RING_NODES, seed: RING_SEED });
    const t0 = performance.now();
    again.runUntil(sim.now);
    bestMs = Math.min(bestMs, performance.now() - t0);
  }
  return { eventsPerSecond: Math.round(sim.eventCount / (bestMs / 1000)), events: sim.eventCount, wallMs: Math.round(bestMs), passes: KERNEL_PASSES };
}

/** Where the kernel's time goes on the same ring run: self time by source file, from a CPU profile of one second. */
async function kernelProfile(): Promise<SelfTime[]> {
  const sim = new Simulation({ system: ringSystem, nodes: RING_NODES, seed: RING_SEED });
  const profile = await profileHere(() => {
    const started = performance.now();
    while (performance.now() - started < 1000) sim.runUntil(sim.now + 1000);
  });
  return topFiles(profile, 6, { busyOnly: true });
}

interface LevelPass {
  simPerWall: number;
  simMs: number;
  wallMs: number;
  events: number;
  outcomes: string[];
}

/** The best of LEVEL_PASSES passes over the seeds: the machine is shared, and other load only ever slows a pass. */
function levelSpeed(id: string, overrides: Record<string, unknown>): LevelPass & { passes: number[] } {
  const level = readLevelFile(path.join(ROOT, `levels/${id}.json`));
  // Warm the JIT up first, as a long-lived room would be.
  new Round({ level, seed: 0, chaos: "none", overrides }).advanceTo(10_000);
  const passes = Array.from({ length: LEVEL_PASSES }, () => levelPass(level, overrides));
  const best = passes.reduce((a, b) => (b.simPerWall > a.simPerWall ? b : a));
  return { ...best, passes: passes.map((p) => p.simPerWall) };
}

function levelPass(level: Level, overrides: Record<string, unknown>): LevelPass {
  let simMs = 0;
  let wallMs = 0;
  let events = 0;
  const outcomes: string[] = [];
  for (const seed of LEVEL_SEEDS) {
    // chaos "none": the level's script (its crash), then the whole time limit with the full workload.
    const round = new Round({ level, seed, chaos: "none", overrides });
    const started = performance.now();
    round.advanceTo(level.timeLimitMs);
    wallMs += performance.now() - started;
    simMs += round.now;
    events += round.sim.eventCount;
    outcomes.push(round.outcome);
  }
  return { simPerWall: Math.round(simMs / wallMs), simMs, wallMs: Math.round(wallMs), events, outcomes };
}

/** Counts every byte the clients receive: a WebSocket that tallies its incoming frames. */
function countIncomingBytes(): { total(): number; reset(): void } {
  let bytes = 0;
  const Base = globalThis.WebSocket;
  class CountingWebSocket extends Base {
    constructor(...args: ConstructorParameters<typeof Base>) {
      super(...args);
      this.addEventListener("message", (event: MessageEvent) => {
        const data = event.data as ArrayBuffer | string;
        bytes += typeof data === "string" ? Buffer.byteLength(data) : data.byteLength;
      });
    }
  }
  globalThis.WebSocket = CountingWebSocket as typeof WebSocket;
  return { total: () => bytes, reset: () => (bytes = 0) };
}

/** MB/s of object data through `pass`, repeated for ERASURE_WALL_MS (best of the repetitions' average). */
function throughput(bytesPerPass: number, pass: () => void): number {
  pass(); // warm up
  let passes = 0;
  const started = performance.now();
  while (performance.now() - started < ERASURE_WALL_MS) {
    pass();
    passes++;
  }
  const seconds = (performance.now() - started) / 1000;
  return Math.round((passes * bytesPerPass) / 1e6 / seconds);
}

function erasureThroughput(): { encodeMBps: number; reconstructMBps: number; xorMBps: number; data: number; parity: number; blockBytes: number } {
  const data = 12;
  const parity = 4;
  const block = new Uint8Array(1024 * 1024);
  const rng = new Rng(7);
  for (let i = 0; i < block.length; i++) block[i] = rng.int(0, 256);
  const rs = new ReedSolomon(data, parity);
  const shards = split(block, data, parity);
  rs.encode(shards);
  const encodeMBps = throughput(block.length, () => rs.encode(shards));
  const reconstructMBps = throughput(block.length, () => {
    const damaged: (Uint8Array | null)[] = shards.slice();
    damaged[0] = null;
    damaged[5] = null;
    rs.reconstructData(damaged);
  });
  const xorMBps = throughput(block.length, () => xorParity(shards.slice(0, data)));
  return { encodeMBps, reconstructMBps, xorMBps, data, parity, blockBytes: block.length };
}

/** Patched before the SDK is loaded: it picks its WebSocket class once, at import. */
let counter: ReturnType<typeof countIncomingBytes> | undefined;

interface RoomResult {
  bytesPerClientPerSecond: number;
  /** Each client's whole decoded state as JSON, sent every tick: bytes per client per second. */
  fullJsonPerClientPerSecond: number;
  /** Mean size of one client's state as JSON, bytes. */
  fullJsonBytes: number;
  patchesPerClientPerSecond: number;
  ticksPerSecond: number;
  clients: number;
  measuredMs: number;
  speed: number;
  heapMb: number;
}

async function roomBytes(levelId: string): Promise<RoomResult> {
  counter ??= countIncomingBytes();
  const { Client } = await import("@colyseus/sdk");
  const { startServer } = await import("../app");
  const { TICK_MS } = await import("../rooms/GameRoom");
  const staticDir = mkdtempSync(path.join(os.tmpdir(), "split-brain-bench-"));
  writeFileSync(path.join(staticDir, "index.html"), "<!doctype html><title>bench</title>");
  const server = await startServer({ port: 0, host: "127.0.0.1", staticDir });
  const url = `http://127.0.0.1:${server.port}`;
  try {
    const host = await new Client(url).create<GameState>("game", { level: levelId, name: "Host" });
    await waitFor(() => host.state?.code?.length === 5);
    const code = host.state.code;
    const rooms = [host];
    for (let i = 1; i < ROOM_CLIENTS; i++) rooms.push(await new Client(url).join<GameState>("game", { code, name: `P${i}` }));
    // Every request is answered with a `result`; the bench reads the state only.
    for (const room of rooms) room.onMessage("result", () => {});
    host.send("control", { op: "start" });
    await waitFor(() => host.state?.phase === "running");
    // Let the joins and the initial full states pass; measure the steady flow of patches.
    await sleep(1000);
    // The whole-state alternative: each client's decoded state as JSON at every patch it receives.
    let measuring = true;
    let jsonBytes = 0;
    let patches = 0;
    for (const room of rooms) {
      room.onStateChange((state) => {
        if (!measuring) return;
        jsonBytes += Buffer.byteLength(JSON.stringify(state.toJSON()));
        patches++;
      });
    }
    counter.reset();
    const started = performance.now();
    await sleep(ROOM_MEASURE_MS);
    const measuredMs = performance.now() - started;
    const bytes = counter.total();
    measuring = false;
    const seconds = measuredMs / 1000;
    const ticksPerSecond = 1000 / TICK_MS;
    const fullJsonBytes = Math.round(jsonBytes / Math.max(1, patches));
    const heap = heapMb();
    const speed = host.state.speed;
    await Promise.all(rooms.map((r) => r.leave()));
    return {
      bytesPerClientPerSecond: Math.round(bytes / ROOM_CLIENTS / seconds),
      fullJsonPerClientPerSecond: fullJsonBytes * ticksPerSecond,
      fullJsonBytes,
      patchesPerClientPerSecond: Math.round((patches / ROOM_CLIENTS / seconds) * 10) / 10,
      ticksPerSecond,
      clients: ROOM_CLIENTS,
      measuredMs: Math.round(measuredMs),
      speed,
      heapMb: heap,
    };
  } finally {
    await server.close();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error("the room did not reach the expected state in time");
    await sleep(20);
  }
}

function table(rows: readonly BenchRow[]): string {
  const cells = rows.map((r) => [r.measure, r.value.toLocaleString("en-US"), r.unit, r.goal ?? "", r.met === undefined ? "" : r.met ? "ok" : "MISSED"]);
  return textTable(["measure", "value", "unit", "goal", ""], cells, new Set([1]));
}

/** The rows grouped by the letter their measure starts with; rows without one (heap) under "memory". */
function sections(rows: readonly BenchRow[]): { id: string; title: string; measures: BenchRow[] }[] {
  const out = new Map<string, { id: string; title: string; measures: BenchRow[] }>();
  for (const row of rows) {
    const id = /^\(([a-z])\)/.exec(row.measure)?.[1] ?? "memory";
    let section = out.get(id);
    if (!section) {
      section = { id, title: SECTIONS[id] ?? "heap used", measures: [] };
      out.set(id, section);
    }
    section.measures.push(row);
  }
  return [...out.values()];
}

function percentOf(part: number, whole: number): number {
  return Math.round((part / whole) * 1000) / 10;
}

function describeSelfTime(entries: readonly SelfTime[]): string {
  return entries.map((e) => `${e.name} ${e.percent}%`).join(", ");
}

function kernelRows(
  kernel: ReturnType<typeof kernelEventsPerSecond>,
  bare: ReturnType<typeof bareLoops>,
  traceOnly: ReturnType<typeof ringTraceOnly>,
  profile: readonly SelfTime[],
): BenchRow[] {
  const limit = Math.max(bare.kernelQueue.eventsPerSecond, bare.typedHeap.eventsPerSecond);
  const ratio = percentOf(kernel.eventsPerSecond, limit);
  const met = ratio >= KERNEL_GOAL * 100;
  const note =
    `every event writes its trace line, and the ring's lines alone, written and hashed as the kernel does with no ` +
    `queue, node or network (bench-trace-floor.ts), run at ${traceOnly.eventsPerSecond.toLocaleString("en-US")} events/s, ` +
    `${percentOf(traceOnly.eventsPerSecond, limit)}% of the bare loop: about 70 bytes of JSON a ring event, written byte by byte, ` +
    `cost more than the bare loop's whole event, so no kernel that traces every event can reach ${KERNEL_GOAL * 100}%. ` +
    `The kernel's work per event, by file (CPU profile of the same ring run, busy time): ${describeSelfTime(profile)}`;
  return [
    { measure: "(a) kernel events per second (trivial ring system, 5 nodes)", value: kernel.eventsPerSecond, unit: "events/s" },
    { measure: "(a) bare loop, same schedule and event count, on the kernel's EventQueue", value: bare.kernelQueue.eventsPerSecond, unit: "events/s" },
    { measure: "(a) bare loop, same schedule and event count, on a typed-array heap", value: bare.typedHeap.eventsPerSecond, unit: "events/s" },
    { measure: "(a) the same events' trace lines alone, written and hashed (no queue, nodes or network)", value: traceOnly.eventsPerSecond, unit: "events/s" },
    {
      measure: "(a) kernel / bare loop (the faster one: the practical limit)",
      value: ratio,
      unit: "%",
      goal: `>= ${KERNEL_GOAL * 100}%`,
      met,
      ...(met ? {} : { note }),
    },
  ];
}

function roomRows(rooms: readonly (RoomResult & { id: string })[]): BenchRow[] {
  return rooms.flatMap((room): BenchRow[] => {
    const what = `(c) ${room.id} (room, ${room.clients} clients, speed ${room.speed})`;
    const met = room.bytesPerClientPerSecond < BYTES_GOAL;
    return [
      {
        measure: `${what}: state bytes per client per second`,
        value: room.bytesPerClientPerSecond,
        unit: "B/client/s",
        goal: `< ${BYTES_GOAL} B`,
        met,
        ...(met ? {} : { note: `the whole state as JSON would be ${room.fullJsonBytes} B a tick; patches arrive ${room.patchesPerClientPerSecond} times a second` }),
      },
      { measure: `${what}: whole state as JSON every tick (${room.ticksPerSecond}/s)`, value: room.fullJsonPerClientPerSecond, unit: "B/client/s" },
      { measure: `${what}: ours / whole state as JSON`, value: percentOf(room.bytesPerClientPerSecond, room.fullJsonPerClientPerSecond), unit: "%" },
    ];
  });
}

function frameRows(scene: FrameResult, baseline: FrameResult): BenchRow[] {
  const met = scene.intervalMs.p95 < FRAME_GOAL_MS;
  const what = `(e) ${scene.nodes}-member etcd cluster, ${scene.inFlight.simulation.mean} messages in flight (mean)`;
  const t = scene.trace;
  const note =
    `the GPU process's software GL. Per frame (Chromium's trace): the GPU process runs the page's WebGL commands for ` +
    `${t.gpuRunningWebgl} ms (${scene.renderer}); the page's main thread is busy ${t.pageBusy} ms, of which ${t.pageWaitingForGpu} ms ` +
    `waiting for it (with no GPU the compositor reads the canvas back every frame) and ${t.pageAnimationFrames} ms running the game's ` +
    `requestAnimationFrame callbacks (Phaser's update and draw calls). Main thread by file (CPU profile): ` +
    `${describeSelfTime(scene.profile.files)} ("(program)" is native work outside JavaScript, the waiting among it). The same scene at ` +
    `${baseline.nodes} members: ${baseline.intervalMs.p50} ms (p50), ${baseline.intervalMs.p95} ms (p95), GPU process ` +
    `${baseline.trace.gpuRunningWebgl} ms a frame. Of the ${scene.inFlight.simulation.mean} messages in flight the room sends ` +
    `${scene.inFlight.sentToClients.mean} (the projection's MESSAGE_LIMIT) and the client draws ${scene.inFlight.drawnByClient.mean} on average.`;
  return [
    { measure: `${what}: frame time p50`, value: scene.intervalMs.p50, unit: "ms" },
    { measure: `${what}: frame time p95`, value: scene.intervalMs.p95, unit: "ms", goal: `< ${FRAME_GOAL_MS} ms`, met, ...(met ? {} : { note }) },
    { measure: `${what}: frame time max`, value: scene.intervalMs.max, unit: "ms" },
    { measure: `${what}: frames per second`, value: scene.framesPerSecond, unit: "fps" },
    { measure: `${what}: requestAnimationFrame callbacks p95`, value: scene.callbackMs.p95, unit: "ms" },
    { measure: `${what}: messages the client draws (mean)`, value: scene.inFlight.drawnByClient.mean, unit: "messages" },
    { measure: `(e) baseline: the same scene at ${baseline.nodes} members, frame time p50`, value: baseline.intervalMs.p50, unit: "ms" },
    { measure: `(e) baseline: the same scene at ${baseline.nodes} members, frame time p95`, value: baseline.intervalMs.p95, unit: "ms" },
  ];
}

function bundleRows(bundle: BundleResult): BenchRow[] {
  const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
  const { ownCode, phaser, otherLibraries } = bundle.entryParts;
  const withoutPhaser = ownCode + otherLibraries;
  return [
    ...bundle.chunks.map((c): BenchRow => ({ measure: `(g) ${c.kind} ${c.file} (${kb(c.bytes)} KB minified)`, value: kb(c.gzipBytes), unit: "KB gz" })),
    { measure: "(g) entry chunk: our code (client/, shared/)", value: kb(ownCode), unit: "KB gz" },
    { measure: "(g) entry chunk: other libraries (Colyseus SDK, zod, ...)", value: kb(otherLibraries), unit: "KB gz" },
    { measure: "(g) entry chunk: Phaser", value: kb(phaser), unit: "KB gz" },
    {
      measure: "(g) entry chunk without Phaser (our code and the other libraries)",
      value: kb(withoutPhaser),
      unit: "KB gz",
      goal: `< ${BUNDLE_GOAL_BYTES / 1024} KB`,
      met: withoutPhaser < BUNDLE_GOAL_BYTES,
      ...(withoutPhaser < BUNDLE_GOAL_BYTES ? {} : { note: `our code ${kb(ownCode)} KB, other libraries ${kb(otherLibraries)} KB` }),
    },
    { measure: "(g) loaded later: lazy chunks (debrief, editor, ...)", value: kb(bundle.lazyGzipBytes), unit: "KB gz" },
    { measure: "(g) loaded later: workers (debrief replay, preview, ...)", value: kb(bundle.workerGzipBytes), unit: "KB gz" },
  ];
}

/** A profile of one pass of a level that missed its goal: where its time goes, by file. */
async function levelProfile(id: string, overrides: Record<string, unknown>): Promise<SelfTime[]> {
  const level = readLevelFile(path.join(ROOT, `levels/${id}.json`));
  const profile = await profileHere(() => levelPass(level, overrides));
  return topFiles(profile, 6, { busyOnly: true });
}

async function main(): Promise<void> {
  // The simulations are measured as the server runs them (server/app.ts installs the same hasher).
  useNodeTraceHasher();
  const benchStarted = performance.now();
  const dir = path.join(ROOT, "bench-results");
  mkdirSync(dir, { recursive: true });

  /** Wall seconds each part took, to keep the whole run short. */
  const partSeconds: Record<string, number> = {};
  let partStarted = benchStarted;
  const partDone = (part: string) => {
    const now = performance.now();
    partSeconds[part] = Math.round((now - partStarted) / 1000);
    partStarted = now;
  };

  const kernel = kernelEventsPerSecond();
  const bare = bareLoops(kernel.events, RING_SEED);
  const traceOnly = ringTraceOnly(kernel.events);
  const kernelFiles = await kernelProfile();
  const heapAfterKernel = heapMb();
  partDone("a");
  const levels = LEVELS.map((l) => ({ ...l, result: levelSpeed(l.id, l.overrides) }));
  const heapAfterLevel = heapMb();
  const levelNotes = new Map<string, SelfTime[]>();
  for (const l of levels) if (l.goal !== undefined && l.result.simPerWall < l.goal) levelNotes.set(l.id, await levelProfile(l.id, l.overrides));
  partDone("b");
  const erasure = erasureThroughput();
  partDone("d");
  const rooms = [];
  for (const id of ROOM_LEVELS) rooms.push({ id, ...(await roomBytes(id)) });
  partDone("c");
  const { clientDir, bundle } = await measureBundle();
  partDone("g");
  let frames: { scene: FrameResult; baseline: FrameResult };
  try {
    frames = {
      scene: await frameTimes(clientDir, FRAME_LEVELS.scene, path.join(dir, "frames.cpuprofile")),
      baseline: await frameTimes(clientDir, FRAME_LEVELS.baseline, path.join(dir, "frames-baseline.cpuprofile")),
    };
  } finally {
    rmSync(clientDir, { recursive: true, force: true });
  }
  partDone("e");
  const classBench = await benchClass(); // (f) 30 classes of 30 bot students, the server in a child process
  partDone("f");

  const rows: BenchRow[] = [
    ...kernelRows(kernel, bare, traceOnly, kernelFiles),
    ...levels.flatMap(({ id, goal, result }): BenchRow[] => {
      const met = goal === undefined ? undefined : result.simPerWall >= goal;
      const profile = levelNotes.get(id);
      return [
        {
          measure: `(b) ${id}, simulated time per wall time (best of ${LEVEL_PASSES})`,
          value: result.simPerWall,
          unit: "x real time",
          ...(goal !== undefined ? { goal: `>= ${goal}x`, met } : {}),
          ...(profile ? { note: `where one pass's time goes, by file (CPU profile, busy time): ${describeSelfTime(profile)}` } : {}),
        },
        { measure: `(b) ${id}, kernel events per second`, value: Math.round(result.events / (result.wallMs / 1000)), unit: "events/s" },
      ];
    }),
    ...roomRows(rooms),
    { measure: "(d) Reed–Solomon 12+4 encode, 1 MiB blocks", value: erasure.encodeMBps, unit: "MB/s" },
    { measure: "(d) Reed–Solomon 12+4 reconstruct 2 lost data shards, 1 MiB blocks", value: erasure.reconstructMBps, unit: "MB/s" },
    { measure: "(d) baseline: plain XOR of the 12 data shards", value: erasure.xorMBps, unit: "MB/s" },
    ...frameRows(frames.scene, frames.baseline),
    ...classBenchRows(classBench),
    ...bundleRows(bundle),
    { measure: "heap used after (a)", value: heapAfterKernel, unit: "MB" },
    { measure: "heap used after (b)", value: heapAfterLevel, unit: "MB" },
    ...rooms.map((room): BenchRow => ({ measure: `heap used during (c) ${room.id}, server and clients in one process`, value: room.heapMb, unit: "MB" })),
  ];
  console.log(table(rows));
  const notes = rows.filter((r) => r.note);
  if (notes.length > 0) console.log(`\nWhat limits each missed goal:\n${notes.map((r) => `- ${r.measure}: ${r.note}`).join("\n")}`);

  const results = {
    date: new Date().toISOString(),
    machine: { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "", loadAverage: os.loadavg() },
    wallSeconds: Math.round((performance.now() - benchStarted) / 1000),
    partSeconds,
    sections: sections(rows),
    kernel: { ...kernel, bareLoops: bare, traceOnly, profileByFile: kernelFiles },
    levels: levels.map(({ id, overrides, goal, result }) => ({ file: `levels/${id}.json`, overrides, chaos: "none", seeds: LEVEL_SEEDS, goal, bestOf: LEVEL_PASSES, ...result })),
    rooms,
    erasure,
    frames,
    classBench,
    bundle,
    heapMb: { afterKernel: heapAfterKernel, afterLevel: heapAfterLevel, duringRooms: rooms.map((r) => r.heapMb) },
  };
  writeFileSync(path.join(dir, "bench.json"), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(process.cwd(), path.join(dir, "bench.json")) || "bench-results/bench.json"} (${results.wallSeconds} s)`);
  // Colyseus keeps timers in module state; the numbers are out, so end the process.
  process.exit(0);
}

await main();
