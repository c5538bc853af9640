// The server half of the class bench (bench-class.ts): the real Split Brain server in a process of its own, so its
// CPU time is its own and not the bots'. It times every game room's tick through GameRoom's bench-only hook and
// answers the bench over IPC: "reset" starts a measurement window, "report" returns the window's tick times (by
// room), the process's CPU use, its memory and its event-loop delay.

import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { startServer } from "../app";
import { JOIN_LIMITS } from "../http/join-limit";
import { TICK_MS, tickTimings } from "../rooms/GameRoom";

export interface ServerWindowReport {
  pid: number;
  wallMs: number;
  /** Tick durations in ms, by game room id. */
  ticks: Record<string, number[]>;
  /** Of each tick, the simulation's advance in ms (the rest is the projection into the room's state). */
  sims: Record<string, number[]>;
  /** Tick durations of the ticks that came on time (the event loop at most 10 ms late), by game room id. */
  onTime: Record<string, number[]>;
  /** CPU time of this process over the window, as % of one core (200 = both cores of the machine). */
  cpuPercent: number;
  rssMb: number;
  heapUsedMb: number;
  /** Peak RSS sampled once a second over the window. */
  peakRssMb: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
}

export type ServerRequest = { type: "reset" } | { type: "report" };
export type ServerMessage = { type: "ready"; port: number } | { type: "report"; report: ServerWindowReport };

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function main(): Promise<void> {
  const staticDir = mkdtempSync(path.join(os.tmpdir(), "split-brain-bench-class-"));
  writeFileSync(path.join(staticDir, "index.html"), "<!doctype html><title>bench</title>");
  // Every bot connects from 127.0.0.1: 30 classes behind one address, where a real school's NAT has one class. The
  // per-address caps on matchmaking requests (server/http/join-limit.ts: all of them, and those in flight, which
  // hold a failure token until they succeed) would make the seating last minutes, so they are raised here.
  JOIN_LIMITS.requests = { burst: 5000, perMinute: 60_000 };
  JOIN_LIMITS.failures = { burst: 5000, perMinute: 60_000 };
  const server = await startServer({ port: 0, host: "127.0.0.1", staticDir });
  let ticks: Record<string, number[]> = {};
  let sims: Record<string, number[]> = {};
  let onTime: Record<string, number[]> = {};
  tickTimings.observe = (tickMs, simMs, deltaMs, roomId) => {
    (ticks[roomId] ??= []).push(tickMs);
    (sims[roomId] ??= []).push(simMs);
    // A late tick simulates all the time it missed (up to 250 ms): these are the ticks that did not.
    if (deltaMs <= TICK_MS + 10) (onTime[roomId] ??= []).push(tickMs);
  };
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let started = performance.now();
  let cpu = process.cpuUsage();
  let peakRss = 0;
  setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 1000).unref();

  process.on("message", (msg: ServerRequest) => {
    if (msg.type === "reset") {
      ticks = {};
      sims = {};
      onTime = {};
      loop.reset();
      started = performance.now();
      cpu = process.cpuUsage();
      peakRss = process.memoryUsage().rss;
      return;
    }
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const memory = process.memoryUsage();
    const report: ServerWindowReport = {
      pid: process.pid,
      wallMs: Math.round(wallMs),
      ticks,
      sims,
      onTime,
      cpuPercent: Math.round(((used.user + used.system) / 1000 / wallMs) * 1000) / 10,
      rssMb: mb(memory.rss),
      heapUsedMb: mb(memory.heapUsed),
      peakRssMb: mb(Math.max(peakRss, memory.rss)),
      eventLoopDelayMs: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
    };
    process.send?.({ type: "report", report } satisfies ServerMessage);
  });
  process.on("disconnect", () => {
    void server.close().finally(() => process.exit(0));
  });
  process.send?.({ type: "ready", port: server.port } satisfies ServerMessage);
}

await main();
