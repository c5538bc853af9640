// A real server on a SQLite file that a test can stop and start again, as an operator restarting it (or a crash:
// a stopping server writes nothing more) would leave it. For the tests of what survives a restart.

import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type RunningServer, startServer } from "../../server/app";

export interface RestartableServer {
  url: string;
  /** The SQLite file it keeps its games and classes in. */
  database: string;
  start(): Promise<void>;
  /** Stops it (a no-op when it is not running). */
  stop(): Promise<void>;
}

export function restartableServer(port: number, name: string): RestartableServer {
  const dir = mkdtempSync(path.join(tmpdir(), `split-brain-${name}-`));
  const database = path.join(dir, "data", "split-brain.db");
  const staticDir = path.join(dir, "client");
  let server: RunningServer | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    database,
    async start() {
      mkdirSync(staticDir, { recursive: true });
      writeFileSync(path.join(staticDir, "index.html"), "<!doctype html><title>Split Brain</title>");
      server = await startServer({ port, host: "127.0.0.1", staticDir, database });
    },
    async stop() {
      await server?.close();
      server = undefined;
    },
  };
}
