// Where the time goes, for the bench's notes on a missed target: a V8 CPU profile (from this process through
// node:inspector, or from Chromium through the DevTools protocol; both use the same format) summed into self time
// per function and per source file.

import { Session } from "node:inspector/promises";

/** The parts of a V8 CPU profile (Profiler.stop's result) this file reads. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface SelfTime {
  /** "functionName (file)", or the engine's own label such as "(garbage collector)". */
  name: string;
  /** Share of all samples, in percent, one decimal. */
  percent: number;
}

/** Runs `work` under the inspector's sampling profiler (every 100 µs) and returns the profile. */
export async function profileHere(work: () => void): Promise<CpuProfile> {
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 100 });
    await session.post("Profiler.start");
    work();
    const { profile } = await session.post("Profiler.stop");
    return profile as CpuProfile;
  } finally {
    session.disconnect();
  }
}

/** The `top` functions by self time; `idle` and `program` samples are left out of the total when asked. */
export function topFunctions(profile: CpuProfile, top: number, options: { busyOnly?: boolean } = {}): SelfTime[] {
  return topBy(profile, top, options, (frame) => {
    const file = shortFile(frame.url);
    return file ? `${frame.functionName || "(anonymous)"} (${file})` : frame.functionName;
  });
}

/** The `top` source files by self time (the engine's own entries, such as the garbage collector, under their labels). */
export function topFiles(profile: CpuProfile, top: number, options: { busyOnly?: boolean } = {}): SelfTime[] {
  return topBy(profile, top, options, (frame) => shortFile(frame.url) || frame.functionName);
}

function topBy(profile: CpuProfile, top: number, { busyOnly = false }: { busyOnly?: boolean }, key: (frame: CpuProfile["nodes"][number]["callFrame"]) => string): SelfTime[] {
  const hits = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const count = node.hitCount ?? 0;
    if (count === 0) continue;
    const name = node.callFrame.functionName;
    if (busyOnly && (name === "(idle)" || name === "(program)")) continue;
    const k = key(node.callFrame);
    hits.set(k, (hits.get(k) ?? 0) + count);
    total += count;
  }
  return [...hits]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, count]) => ({ name, percent: Math.round((count / Math.max(1, total)) * 1000) / 10 }));
}

/** A path from the repository root ("shared/sim/simulation.ts") or a package ("phaser/..."), without the URL noise. */
function shortFile(url: string): string {
  if (!url) return "";
  const clean = url.replace(/^file:\/\//, "").replace(/\?.*$/, "");
  const nodeModules = clean.lastIndexOf("node_modules/");
  if (nodeModules >= 0) return clean.slice(nodeModules + "node_modules/".length);
  for (const root of ["/shared/", "/server/", "/client/"]) {
    const at = clean.lastIndexOf(root);
    if (at >= 0) return clean.slice(at + 1);
  }
  return clean.replace(/^https?:\/\/[^/]+\//, "");
}
