// Client frame time for `npm run bench` (part e): the built client in headless Chromium, launched as the browser
// tests launch it (test/browser/harness.ts: Debian's chromium, no GPU, so WebGL runs on SwiftShader), watching a
// 64-member etcd cluster whose half-second links keep several hundred messages in flight
// (server/tools/bench-levels/etcd/sixty-four-members.json), and the same cluster at five members as a baseline.
// A spectator's page plays the round for FRAME_MEASURE_MS while a requestAnimationFrame wrapper, installed before the
// game loads, records when each frame began and how long its callbacks ran; the page's main thread is profiled
// meanwhile. Chromium runs without vsync or a frame-rate cap, so a frame interval is the time the page needs to make
// a frame, not a wait for the next 60 Hz tick.
//
// The messages in flight are counted three ways every half second: in the room's simulation, in the room's state
// (what is sent: at most the projection's MESSAGE_LIMIT), and on the canvas (data-in-flight: what the client draws).
//
// The server serves only the bench levels (SPLIT_BRAIN_LEVELS), and its level catalogue is read once per process,
// so each measure runs in a child process: frameTimes() starts this file with --child and reads its result line.

import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { matchMaker } from "@colyseus/core";
import { chromium, type Page } from "playwright-core";
import type { Round } from "../../shared/levels/round";
import { CHROMIUM_ARGS, VIEWPORT } from "../../test/browser/harness";
import { startServer } from "../app";
import { type CpuProfile, type SelfTime, topFiles, topFunctions } from "./bench-profile";

const HERE = fileURLToPath(import.meta.url);
const LEVELS_DIR = path.join(path.dirname(HERE), "bench-levels");
/** The scene the goal is about, and the same cluster at five members: what the machine's software GL costs anyway. */
export const FRAME_LEVELS = { scene: "etcd/sixty-four-members", baseline: "etcd/five-members" } as const;
export const FRAME_MEASURE_MS = 12_000;
/** Play before measuring: the first election (2-4 s at these latencies) and the traffic it starts. */
const WARM_UP_MS = 4000;
const RESULT_PREFIX = "bench-frames-result ";
const WAIT = { timeout: 60_000 };

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface FrameResult {
  level: string;
  nodes: number;
  measuredMs: number;
  frames: number;
  framesPerSecond: number;
  /** Time between the starts of consecutive frames (requestAnimationFrame timestamps), ms. */
  intervalMs: Percentiles;
  /** Time the frame's requestAnimationFrame callbacks ran (Phaser's update and draw calls), ms. */
  callbackMs: Percentiles;
  renderer: string;
  /** Messages in flight during the measure, sampled every half second: mean and lowest. */
  inFlight: {
    simulation: { mean: number; min: number };
    sentToClients: { mean: number; min: number };
    drawnByClient: { mean: number; min: number; max: number };
  };
  /** Chromium's own accounting over the measure (Performance.getMetrics), ms per frame. */
  perFrameMs: { script: number; layout: number; style: number; task: number };
  /** A trace of the measure (Chromium's tracing), ms per frame: where the page's main thread and the GPU process spend it. */
  trace: TraceSummary;
  /**
   * Self time of the page's main thread while measuring (a CPU profile): by file, all samples ("(program)" is
   * native work outside JavaScript, such as WebGL calls waiting on the GPU process); by function, busy samples only.
   */
  profile: { files: SelfTime[]; functions: SelfTime[] };
}

/**
 * From the trace: the page's main thread (busy, running the frame's requestAnimationFrame callbacks, waiting for the
 * GPU process to hand back the canvas's pixels) and the GPU process's main thread (running the page's WebGL
 * commands), ms per frame. Without a GPU the compositor draws in software, so every frame it reads the WebGL canvas
 * back (GLES2::ReadPixels) and waits until the GPU process has run all the commands before it.
 */
export interface TraceSummary {
  pageBusy: number;
  pageAnimationFrames: number;
  pageWaitingForGpu: number;
  gpuRunningWebgl: number;
}

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string };
}

const TRACE_CATEGORIES = ["devtools.timeline", "toplevel", "gpu", "cc", "blink"];

function summarizeTrace(trace: Buffer, frames: number): TraceSummary {
  const parsed = JSON.parse(trace.toString("utf8")) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const threads = new Map<string, string>();
  for (const e of events) if (e.ph === "M" && e.name === "thread_name") threads.set(`${e.pid}:${e.tid}`, e.args?.name ?? "");
  const sum = (thread: string, name: string) => {
    let micros = 0;
    for (const e of events) if (e.ph === "X" && e.name === name && threads.get(`${e.pid}:${e.tid}`) === thread) micros += e.dur ?? 0;
    return round2(micros / 1000 / Math.max(1, frames));
  };
  return {
    pageBusy: sum("CrRendererMain", "ThreadControllerImpl::RunTask"),
    pageAnimationFrames: sum("CrRendererMain", "FrameRequestCallbackCollection::ExecuteFrameCallbacks"),
    pageWaitingForGpu: sum("CrRendererMain", "CommandBufferProxyImpl::WaitForGetOffset"),
    gpuRunningWebgl: sum("CrGpuMain", "CommandBuffer::Flush"),
  };
}

/**
 * Runs the measure of `level` in a child process (see the header); `clientDir` is a production build of the client.
 * The page's main thread is profiled meanwhile (1 ms sampling) and the profile written to `profileTo` (open it in
 * Chrome DevTools).
 */
export function frameTimes(clientDir: string, level: string, profileTo: string): Promise<FrameResult> {
  return new Promise((resolve, reject) => {
    const args = ["--import", "tsx", HERE, "--child", clientDir, level, profileTo];
    const child = spawn(process.execPath, args, { env: { ...process.env, SPLIT_BRAIN_LEVELS: LEVELS_DIR }, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith(RESULT_PREFIX));
      if (code === 0 && line) resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as FrameResult);
      else reject(new Error(`the frame-time measure failed (exit code ${code}):\n${out.slice(-2000)}`));
    });
  });
}

/** Records every frame's start and callback time from before the game loads; `__benchFrames.on` starts recording. */
function installFrameRecorder(): void {
  const w = window as unknown as { __benchFrames: { on: boolean; starts: number[]; spent: number[] } };
  const record = { on: false, starts: [] as number[], spent: [] as number[] };
  w.__benchFrames = record;
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) =>
    raf((t) => {
      const began = performance.now();
      try {
        callback(t);
      } finally {
        if (record.on) {
          // Several callbacks of one frame share its timestamp: their times add up.
          const last = record.starts.length - 1;
          if (last >= 0 && record.starts[last] === t) record.spent[last] += performance.now() - began;
          else {
            record.starts.push(t);
            record.spent.push(performance.now() - began);
          }
        }
      }
    });
}

async function openScene(page: Page, baseUrl: string, level: string): Promise<void> {
  await page.goto(baseUrl);
  await page.getByLabel("Your name").fill("Bench");
  await page.getByLabel("Level", { exact: true }).selectOption(level);
  await page.getByRole("button", { name: "Create room" }).click();
  await page.getByRole("button", { name: /spectator/i }).click(WAIT);
  await page.locator("#screen").waitFor({ state: "hidden", ...WAIT });
  await page.getByRole("button", { name: "Start round" }).click(WAIT);
  await page.waitForFunction(() => Number(document.getElementById("canvas-host")?.dataset.inFlight ?? 0) > 0, undefined, WAIT);
}

/** Which renderer Phaser chose: asking a canvas for the context type it already has returns that context. */
function rendererOf(): string {
  const canvas = document.querySelector<HTMLCanvasElement>("#canvas-host canvas");
  if (!canvas) return "no canvas";
  const gl = (canvas.getContext("webgl2") ?? canvas.getContext("webgl")) as WebGLRenderingContext | null;
  if (!gl) return "canvas 2d";
  const info = gl.getExtension("WEBGL_debug_renderer_info");
  const name = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : String(gl.getParameter(gl.RENDERER));
  return `${gl instanceof WebGL2RenderingContext ? "WebGL 2" : "WebGL"} (${name})`;
}

/** The round of the one game room in this process: the bench reads its simulation's in-flight count. */
async function benchRound(): Promise<{ round: Round; sent: () => number }> {
  const [listing] = await matchMaker.query({ name: "game" });
  if (!listing) throw new Error("no game room is running");
  // The room keeps its round private; the bench only reads it.
  const room = matchMaker.getLocalRoomById(listing.roomId) as unknown as { round: Round; state: { messages: { size: number } } };
  return { round: room.round, sent: () => room.state.messages.size };
}

function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => round2(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: round2(sorted[sorted.length - 1] ?? 0) };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function meanMin(values: readonly number[]): { mean: number; min: number } {
  return { mean: Math.round(values.reduce((a, b) => a + b, 0) / Math.max(1, values.length)), min: Math.min(...values) };
}

async function measure(clientDir: string, level: string, profileTo: string): Promise<FrameResult> {
  const server = await startServer({ port: 0, host: "127.0.0.1", staticDir: clientDir });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: [...CHROMIUM_ARGS, "--disable-gpu-vsync", "--disable-frame-rate-limit"],
  });
  try {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    page.on("pageerror", (error) => console.error(`[page error] ${error.message}`));
    await page.addInitScript(installFrameRecorder);
    await openScene(page, `http://127.0.0.1:${server.port}/`, level);
    await page.waitForTimeout(WARM_UP_MS);
    const { round, sent } = await benchRound();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 1000 });
    await cdp.send("Profiler.start");
    const metric = async () => Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    const before = await metric();
    await page.evaluate(() => {
      (window as unknown as { __benchFrames: { on: boolean } }).__benchFrames.on = true;
    });
    const samples = { simulation: [] as number[], sent: [] as number[], drawn: [] as number[] };
    const started = performance.now();
    while (performance.now() - started < FRAME_MEASURE_MS) {
      await new Promise((r) => setTimeout(r, 500));
      samples.simulation.push(round.sim.inFlight().length);
      samples.sent.push(sent());
      samples.drawn.push(await page.evaluate(() => Number(document.getElementById("canvas-host")?.dataset.inFlight ?? 0)));
    }
    const frames = await page.evaluate(() => {
      const record = (window as unknown as { __benchFrames: { on: boolean; starts: number[]; spent: number[] } }).__benchFrames;
      record.on = false;
      return { starts: record.starts, spent: record.spent };
    });
    const after = await metric();
    const trace = await browser.stopTracing();
    const cpu = (await cdp.send("Profiler.stop")).profile as unknown as CpuProfile;
    writeFileSync(profileTo, JSON.stringify(cpu));
    const renderer = await page.evaluate(rendererOf);
    const nodes = await page.locator("#node-table tbody tr").count();
    const intervals = frames.starts.slice(1).map((t, i) => t - frames.starts[i]);
    const measuredMs = frames.starts.length > 1 ? frames.starts[frames.starts.length - 1] - frames.starts[0] : 0;
    const count = Math.max(1, intervals.length);
    const perFrame = (name: string) => round2(((after[name] ?? 0) - (before[name] ?? 0)) * 1000 / count);
    return {
      level,
      nodes,
      measuredMs: Math.round(measuredMs),
      frames: intervals.length,
      framesPerSecond: round2(intervals.length / (measuredMs / 1000)),
      intervalMs: percentiles(intervals),
      callbackMs: percentiles(frames.spent),
      renderer,
      inFlight: {
        simulation: meanMin(samples.simulation),
        sentToClients: meanMin(samples.sent),
        drawnByClient: { ...meanMin(samples.drawn), max: Math.max(...samples.drawn) },
      },
      trace: summarizeTrace(trace, intervals.length),
      perFrameMs: { script: perFrame("ScriptDuration"), layout: perFrame("LayoutDuration"), style: perFrame("RecalcStyleDuration"), task: perFrame("TaskDuration") },
      profile: { files: topFiles(cpu, 6), functions: topFunctions(cpu, 8, { busyOnly: true }) },
    };
  } finally {
    await browser.close().catch(() => undefined);
    await server.close();
  }
}

if (process.argv[2] === "--child" && process.argv[1] && path.resolve(process.argv[1]) === HERE) {
  const [clientDir, level, profileTo] = process.argv.slice(3);
  const result = await measure(path.resolve(clientDir ?? ""), level ?? FRAME_LEVELS.scene, path.resolve(profileTo ?? "frames.cpuprofile"));
  console.log(`${RESULT_PREFIX}${JSON.stringify(result)}`);
  // Colyseus keeps timers in module state; the result is out, so end the process.
  process.exit(0);
}
