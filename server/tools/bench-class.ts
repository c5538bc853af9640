// The class bench (`npm run bench`, part f; alone: `npx tsx server/tools/bench-class.ts [--classes N] [--students N]
// [--seconds N]`): one server process holding 30 class sessions of 30 bot students each, half of them in groups of
// five (6 game rooms a class) and half as one whole-class cluster of 30 nodes on a level that grows with the class
// (consul/gossip-tuning). The bots are real SDK clients over real WebSockets doing what students do
// (bench-class-bots.ts): join, take the seat the class gives them, act every few seconds, vote in a poll.
//
// Where things run: the server in a child process of its own (bench-class-server.ts), so its CPU time is measured
// alone; the bots and this orchestration in the bench's process. Both share the machine's cores, which the output
// says. Reported per configuration and overall: game-room tick time p50/p99 (GameRoom's bench-only tickTimings
// hook: the round's advance and the projection of one tick), the server's CPU % and memory, its event-loop delay,
// and the bytes per student per second the bots received. Goals: tick p99 < 20 ms, < 5 KB/s per client.

import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { Rng } from "../../shared/sim/rng";
import type { BotClass, ByteMeter } from "./bench-class-bots";
import type { ServerMessage, ServerRequest, ServerWindowReport } from "./bench-class-server";
import { textTable } from "./text-table";

const HERE = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SERVER = path.join(path.dirname(HERE), "bench-class-server.ts");
/** A Consul gossip level that opts in to growing with the class (cluster.classCluster, up to 30 agents). */
export const CLASS_BENCH_LEVEL = "consul/gossip-tuning";
const TICK_GOAL_MS = 20;
const BYTES_GOAL = 5000;
const WARMUP_MS = 3000;

export interface ClassBenchOptions {
  classes: number;
  students: number;
  measureMs: number;
}

export const CLASS_BENCH_DEFAULTS: ClassBenchOptions = { classes: 30, students: 30, measureMs: 40_000 };

export interface TickStats {
  ticks: number;
  p50: number;
  p99: number;
  max: number;
  /** All these ticks together, in ms. */
  totalMs: number;
}

export interface ClassBenchConfig {
  mode: "groups" | "whole";
  classes: number;
  students: number;
  gameRooms: number;
  nodesPerCluster: number;
  tick: TickStats;
  /** Of the ticks, the simulation's advance alone (the rest of a tick is the projection). */
  sim: TickStats;
  /** The ticks that came on time (a late one simulates all the time it missed, up to 250 ms, at once). */
  onTime: TickStats;
  bytesPerClientPerSecond: number;
  /** Of those bytes, the game rooms' (the rest is the class room's). */
  gameBytesPerClientPerSecond: number;
}

export interface ClassBenchResult {
  level: string;
  where: string;
  options: ClassBenchOptions;
  seatMs: number;
  measuredMs: number;
  actions: number;
  configs: ClassBenchConfig[];
  overall: { tick: TickStats; bytesPerClientPerSecond: number; clients: number; gameRooms: number };
  server: Omit<ServerWindowReport, "ticks" | "sims" | "onTime">;
  botsCpuPercent: number;
  /** The machine's 1-minute load average at the end: above its core count, the processes waited for a core. */
  loadAverage: number;
  /** What limits a missed goal, in words; empty when both goals are met. */
  limits: string[];
}

/** One row of the table `npm run bench` prints (bench.ts prints these rows beside its own). */
export interface BenchRow {
  measure: string;
  value: number;
  unit: string;
  goal?: string;
  met?: boolean;
  /** For a missed goal: what limits it, measured. */
  note?: string;
}

export async function benchClass(options: ClassBenchOptions = CLASS_BENCH_DEFAULTS): Promise<ClassBenchResult> {
  // Loaded here, not at the top: bench.ts counts bytes by swapping the WebSocket class before the SDK first loads.
  const bots = await import("./bench-class-bots");
  const server = await startServerProcess();
  const rng = new Rng(20261202);
  const random = () => rng.float();
  const meters: Record<"groups" | "whole", ByteMeter> = { groups: new bots.ByteMeter(), whole: new bots.ByteMeter() };
  const gameMeters: Record<"groups" | "whole", ByteMeter> = { groups: new bots.ByteMeter(), whole: new bots.ByteMeter() };
  const classes: BotClass[] = [];
  try {
    const url = `http://127.0.0.1:${server.port}`;
    const seatStarted = performance.now();
    // A few classes at a time arrive, as on a school morning; every student of a class is seated before it counts.
    const modes = Array.from({ length: options.classes }, (_, i): "groups" | "whole" => (i % 2 === 0 ? "groups" : "whole"));
    for (let i = 0; i < modes.length; i += 10) {
      const wave = modes.slice(i, i + 10).map((mode, k) => bots.seatClass(url, CLASS_BENCH_LEVEL, mode, options.students, meters[mode], gameMeters[mode], i + k + 1));
      classes.push(...(await Promise.all(wave)));
      progress(`seated ${classes.length} of ${modes.length} classes (${Math.round(performance.now() - seatStarted)} ms)`);
    }
    const seatMs = Math.round(performance.now() - seatStarted);

    let stopped = false;
    const teaching = classes.map((c) => bots.teach(c, () => stopped));
    await sleep(WARMUP_MS);
    progress(`measuring for ${options.measureMs / 1000} s`);
    server.request({ type: "reset" });
    const bytesAtStart = { groups: meters.groups.bytes, whole: meters.whole.bytes };
    const gameBytesAtStart = { groups: gameMeters.groups.bytes, whole: gameMeters.whole.bytes };
    const botsCpu = process.cpuUsage();
    const started = performance.now();
    const asked = await Promise.allSettled(classes.map((c) => bots.askAndVote(c, random)));
    const unasked = asked.filter((a) => a.status === "rejected").length;
    if (unasked > 0) progress(`${unasked} teachers never saw their question open; their students did not vote`);
    const acting = classes.flatMap((c) => c.students.map((s) => bots.act(s, random, () => stopped)));
    await sleep(options.measureMs);
    const report = await server.report();
    progress("measured; the bots stop");
    const measuredMs = performance.now() - started;
    const botsUsed = process.cpuUsage(botsCpu);
    stopped = true;
    const actions = (await Promise.all(acting)).reduce((a, b) => a + b, 0);
    await Promise.all(teaching);
    progress("stopped; everyone leaves");

    const configs = (["groups", "whole"] as const).map((mode): ClassBenchConfig => {
      const mine = classes.filter((c) => c.mode === mode);
      const nodes = mine[0]?.nodes ?? 0;
      const students = mine.reduce((n, c) => n + c.students.length, 0);
      const rooms = new Set(mine.flatMap((c) => c.students.map((st) => st.game.roomId)));
      return {
        mode,
        classes: mine.length,
        students,
        gameRooms: mine.reduce((n, c) => n + c.groups, 0),
        nodesPerCluster: nodes,
        tick: tickStats([...rooms].flatMap((id) => report.ticks[id] ?? [])),
        sim: tickStats([...rooms].flatMap((id) => report.sims[id] ?? [])),
        onTime: tickStats([...rooms].flatMap((id) => report.onTime[id] ?? [])),
        bytesPerClientPerSecond: Math.round((meters[mode].bytes - bytesAtStart[mode]) / Math.max(1, students) / (measuredMs / 1000)),
        gameBytesPerClientPerSecond: Math.round((gameMeters[mode].bytes - gameBytesAtStart[mode]) / Math.max(1, students) / (measuredMs / 1000)),
      };
    });
    const clients = configs.reduce((n, c) => n + c.students, 0);
    const bytes = configs.reduce((n, c) => n + c.bytesPerClientPerSecond * c.students, 0);
    const overall = {
      tick: tickStats(Object.values(report.ticks).flat()),
      bytesPerClientPerSecond: Math.round(bytes / Math.max(1, clients)),
      clients,
      gameRooms: configs.reduce((n, c) => n + c.gameRooms, 0),
    };
    const { ticks: _ticks, sims: _sims, onTime: _onTime, ...serverFacts } = report;
    const botsCpuPercent = Math.round(((botsUsed.user + botsUsed.system) / 1000 / measuredMs) * 1000) / 10;
    const result: ClassBenchResult = {
      level: CLASS_BENCH_LEVEL,
      where: `server: child process ${report.pid}; ${clients} bot students and ${classes.length} teachers: the bench's process ${process.pid}; both share ${os.cpus().length} cores`,
      options,
      seatMs,
      measuredMs: Math.round(measuredMs),
      actions,
      configs,
      overall,
      server: serverFacts,
      botsCpuPercent,
      loadAverage: Math.round(os.loadavg()[0] * 100) / 100,
      limits: [],
    };
    result.limits = limitsOf(result);
    return result;
  } finally {
    await Promise.all(classes.map((c) => bots.leaveClass(c)));
    server.stop();
  }
}

/** Why a goal was missed, from what was measured beside it. */
function limitsOf(r: ClassBenchResult): string[] {
  const limits: string[] = [];
  const cores = os.cpus().length;
  if (r.overall.tick.p99 >= TICK_GOAL_MS) {
    const busy = r.server.cpuPercent + r.botsCpuPercent;
    const worst = [...r.configs].sort((a, b) => b.tick.p99 - a.tick.p99)[0];
    limits.push(
      `tick p99 ${r.overall.tick.p99} ms >= ${TICK_GOAL_MS} ms (worst: ${worst?.mode}, ${worst?.nodesPerCluster}-node clusters, p99 ${worst?.tick.p99} ms, ` +
        `of which the simulation p99 ${worst?.sim.p99} ms and the rest the projection; its ticks that came on time: p99 ${worst?.onTime.p99} ms, ${worst?.onTime.ticks} of ${worst?.tick.ticks}). ` +
        `The server used ${r.server.cpuPercent}% of a core (its ticks ${share(r.overall.tick.totalMs, r.measuredMs)}%) and the bots ${r.botsCpuPercent}% on ${cores} cores; ` +
        `load average ${r.loadAverage}; event-loop delay p99 ${round2(r.server.eventLoopDelayMs.p99)} ms. ` +
        (r.loadAverage > cores || busy >= cores * 90
          ? "The machine is saturated (by these processes and others'), so the server waits for a core; a late tick then simulates up to 250 ms at once, which makes it slower still."
          : "One event loop runs every room, so a slow tick delays the rest; a late tick then simulates up to 250 ms at once."),
    );
  }
  if (r.overall.bytesPerClientPerSecond >= BYTES_GOAL) {
    const worst = [...r.configs].sort((a, b) => b.bytesPerClientPerSecond - a.bytesPerClientPerSecond)[0];
    limits.push(
      `${r.overall.bytesPerClientPerSecond} B/client/s >= ${BYTES_GOAL}: the ${worst?.mode} configuration (${worst?.nodesPerCluster}-node clusters) sends ${worst?.bytesPerClientPerSecond} B/client/s, ` +
        `${worst?.gameBytesPerClientPerSecond} of it the game room's state patches (every node, link and message in flight of the cluster, to every student; ` +
        "which part costs what: npx tsx server/tools/bench-class-bytes.ts).",
    );
  }
  return limits;
}

function tickStats(values: readonly number[]): TickStats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => round2(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { ticks: sorted.length, p50: at(0.5), p99: at(0.99), max: round2(sorted.at(-1) ?? 0), totalMs: Math.round(sorted.reduce((a, b) => a + b, 0)) };
}

/** `ms` of work in `wallMs` of time, as % of one core. */
function share(ms: number, wallMs: number): number {
  return Math.round((ms / wallMs) * 1000) / 10;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export function classBenchRows(r: ClassBenchResult): BenchRow[] {
  const tickNote = r.limits.find((l) => l.startsWith("tick"));
  const bytesNote = r.limits.find((l) => !l.startsWith("tick"));
  const tickGoal = (p99: number) => ({ goal: `< ${TICK_GOAL_MS} ms`, met: p99 < TICK_GOAL_MS, ...(p99 >= TICK_GOAL_MS && tickNote ? { note: tickNote } : {}) });
  const bytesGoal = (b: number) => ({ goal: `< ${BYTES_GOAL} B`, met: b < BYTES_GOAL, ...(b >= BYTES_GOAL && bytesNote ? { note: bytesNote } : {}) });
  const perConfig = r.configs.flatMap((c): BenchRow[] => {
    const what = `(f) ${c.classes} class${c.classes === 1 ? "" : "es"} ${c.mode === "groups" ? `in groups of 5 (${c.gameRooms} rooms, ${c.nodesPerCluster} nodes each)` : `as one cluster (${c.gameRooms} rooms, ${c.nodesPerCluster} nodes each)`}`;
    return [
      { measure: `${what}: game-room tick p50`, value: c.tick.p50, unit: "ms" },
      { measure: `${what}: game-room tick p99`, value: c.tick.p99, unit: "ms", ...tickGoal(c.tick.p99) },
      { measure: `${what}: of a tick, the simulation p50 / p99`, value: c.sim.p50, unit: `ms / ${c.sim.p99} ms` },
      { measure: `${what}: ticks on time (${c.onTime.ticks} of ${c.tick.ticks}) p50 / p99`, value: c.onTime.p50, unit: `ms / ${c.onTime.p99} ms` },
      { measure: `${what}: ticks' share of the server's time (100 = one core)`, value: share(c.tick.totalMs, r.measuredMs), unit: "%" },
      { measure: `${what}: bytes per student per second`, value: c.bytesPerClientPerSecond, unit: "B/client/s", ...bytesGoal(c.bytesPerClientPerSecond) },
      { measure: `${what}: of those, the game room's`, value: c.gameBytesPerClientPerSecond, unit: "B/client/s" },
    ];
  });
  return [
    ...perConfig,
    { measure: `(f) all ${r.overall.gameRooms} game rooms: tick p50`, value: r.overall.tick.p50, unit: "ms" },
    { measure: `(f) all ${r.overall.gameRooms} game rooms: tick p99`, value: r.overall.tick.p99, unit: "ms", ...tickGoal(r.overall.tick.p99) },
    { measure: `(f) all ${r.overall.clients} students: bytes per client per second`, value: r.overall.bytesPerClientPerSecond, unit: "B/client/s", ...bytesGoal(r.overall.bytesPerClientPerSecond) },
    { measure: "(f) server process CPU (child process; 100 = one core)", value: r.server.cpuPercent, unit: "%" },
    { measure: "(f) of it, all game rooms' ticks", value: share(r.overall.tick.totalMs, r.measuredMs), unit: "%" },
    { measure: "(f) server process RSS at the end (peak)", value: r.server.rssMb, unit: `MB (${r.server.peakRssMb})` },
    { measure: "(f) server process heap used", value: r.server.heapUsedMb, unit: "MB" },
    { measure: "(f) server event-loop delay p99", value: round2(r.server.eventLoopDelayMs.p99), unit: "ms" },
    { measure: `(f) bots' process CPU (${r.overall.clients} SDK students; 100 = one core)`, value: r.botsCpuPercent, unit: "%" },
    { measure: `(f) machine load average at the end (${os.cpus().length} cores)`, value: r.loadAverage, unit: "" },
  ];
}

interface ServerProcess {
  port: number;
  request(msg: ServerRequest): void;
  report(): Promise<ServerWindowReport>;
  stop(): void;
}

async function startServerProcess(): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", SERVER], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the bench's server process exited (${code}) before it was ready`)));
    child.on("message", (msg: ServerMessage) => {
      if (msg.type === "ready") resolve(msg.port);
    });
  });
  return {
    port,
    request: (msg) => child.send(msg),
    report: () =>
      new Promise((resolve) => {
        const onMessage = (msg: ServerMessage) => {
          if (msg.type !== "report") return;
          child.off("message", onMessage);
          resolve(msg.report);
        };
        child.on("message", onMessage);
        child.send({ type: "report" } satisfies ServerRequest);
      }),
    stop: () => {
      child.removeAllListeners("exit");
      if (child.connected) child.disconnect(); // the server closes and exits (bench-class-server.ts)
      setTimeout(() => child.exitCode === null && child.kill(), 5000).unref();
    },
  };
}

/** Progress goes to stderr, so the table on stdout stays clean. */
function progress(text: string): void {
  process.stderr.write(`bench-class: ${text}\n`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function printClassBench(r: ClassBenchResult): void {
  const cells = classBenchRows(r).map((row) => [row.measure, row.value.toLocaleString("en-US"), row.unit, row.goal ?? "", row.met === undefined ? "" : row.met ? "ok" : "MISSED"]);
  console.log(textTable(["measure", "value", "unit", "goal", ""], cells, new Set([1])));
  console.log(`\n${r.where}. Seating took ${r.seatMs} ms; measured ${r.measuredMs} ms; the students sent ${r.actions} actions.`);
  for (const limit of r.limits) console.log(`limit: ${limit}`);
}

function readOptions(argv: readonly string[]): ClassBenchOptions {
  const options = { ...CLASS_BENCH_DEFAULTS };
  for (let i = 0; i < argv.length; i += 2) {
    const value = Number(argv[i + 1]);
    const flag = argv[i];
    if (!Number.isInteger(value) || value < 1) throw new Error(`bench-class: ${flag} needs a whole number, got ${JSON.stringify(argv[i + 1] ?? "")}`);
    if (flag === "--classes") options.classes = value;
    else if (flag === "--students") options.students = value;
    else if (flag === "--seconds") options.measureMs = value * 1000;
    else throw new Error(`bench-class: unknown option ${flag} (use --classes N, --students N, --seconds N)`);
  }
  return options;
}

if (process.argv[1] && path.resolve(process.argv[1]) === HERE) {
  const result = await benchClass(readOptions(process.argv.slice(2)));
  printClassBench(result);
  const dir = path.join(ROOT, "bench-results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "bench-class.json"), `${JSON.stringify({ date: new Date().toISOString(), ...result }, null, 2)}\n`);
  console.log("\nwrote bench-results/bench-class.json");
  // Colyseus keeps timers in module state; the numbers are out, so end the process.
  process.exit(0);
}
