// The production bundle's size for `npm run bench` (part f). The client is built twice with vite.config.ts:
//   - as shipped, into a temporary folder that the frame-time measure then serves; every emitted JS file is gzipped
//     (level 9, as a web server's static gzip would be) and sorted into the page's entry chunk, lazy chunks (the
//     debrief dialog) and workers (the debrief's replay worker);
//   - once more with Phaser and the other libraries (node_modules) split into chunks of their own, only to tell
//     apart what is ours in the entry chunk: the game's own code (client/ and shared/) is the entry chunk of that
//     build, Phaser and the other libraries are their chunks.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type InlineConfig } from "vite";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface ChunkSize {
  file: string;
  kind: "entry" | "lazy" | "worker";
  bytes: number;
  gzipBytes: number;
}

export interface BundleResult {
  /** The shipped build's JS files. */
  chunks: ChunkSize[];
  /** Gzipped bytes of the entry chunk's parts, from the split build. */
  entryParts: { ownCode: number; phaser: number; otherLibraries: number };
  /** Gzipped bytes of the lazy chunks and of the workers (all ours plus what they import). */
  lazyGzipBytes: number;
  workerGzipBytes: number;
}

function gzipSize(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

async function buildClient(outDir: string, extra: InlineConfig["build"] = {}): Promise<void> {
  await build({ configFile: path.join(ROOT, "vite.config.ts"), logLevel: "error", build: { outDir, emptyOutDir: true, ...extra } });
}

function jsFiles(outDir: string): string[] {
  const assets = path.join(outDir, "assets");
  return readdirSync(assets)
    .filter((f) => f.endsWith(".js"))
    .sort()
    .map((f) => path.join(assets, f));
}

/** The shipped build's entry is the script index.html loads; a worker is named for its module (*-worker-*). */
function kindOf(file: string, outDir: string): ChunkSize["kind"] {
  const html = readFileSync(path.join(outDir, "index.html"), "utf8");
  if (html.includes(`assets/${path.basename(file)}`)) return "entry";
  return /worker/i.test(path.basename(file)) ? "worker" : "lazy";
}

/**
 * Builds the client as shipped into a new temporary folder (the caller serves it, then removes it) and measures the
 * bundle; the split build used to apportion the entry chunk is removed here.
 */
export async function measureBundle(): Promise<{ clientDir: string; bundle: BundleResult }> {
  const clientDir = mkdtempSync(path.join(os.tmpdir(), "split-brain-bench-client-"));
  await buildClient(clientDir);
  const chunks = jsFiles(clientDir).map((file): ChunkSize => ({ file: path.basename(file), kind: kindOf(file, clientDir), bytes: readFileSync(file).length, gzipBytes: gzipSize(file) }));

  const splitDir = mkdtempSync(path.join(os.tmpdir(), "split-brain-bench-split-"));
  try {
    await buildClient(splitDir, {
      rolldownOptions: {
        output: {
          codeSplitting: {
            groups: [
              { name: "phaser", test: /node_modules[\\/]phaser[\\/]/ },
              { name: "libraries", test: /node_modules[\\/]/ },
            ],
          },
        },
      },
    });
    const parts = { ownCode: 0, phaser: 0, otherLibraries: 0 };
    for (const file of jsFiles(splitDir)) {
      const name = path.basename(file);
      if (name.startsWith("phaser-")) parts.phaser += gzipSize(file);
      else if (name.startsWith("libraries-")) parts.otherLibraries += gzipSize(file);
      else if (kindOf(file, splitDir) === "entry") parts.ownCode += gzipSize(file);
    }
    const sum = (kind: ChunkSize["kind"]) => chunks.filter((c) => c.kind === kind).reduce((total, c) => total + c.gzipBytes, 0);
    return { clientDir, bundle: { chunks, entryParts: parts, lazyGzipBytes: sum("lazy"), workerGzipBytes: sum("worker") } };
  } finally {
    rmSync(splitDir, { recursive: true, force: true });
  }
}
