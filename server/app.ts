// The Split Brain server: one HTTP port serves the built client, the level list and the Colyseus rooms.
// Importing this file has no side effects; startServer() does the work, so tests and tools can boot a
// server of their own on any port.

import type { AddressInfo } from "node:net";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express from "express";
import { defineRoom, defineServer, type Server } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { GameRoom } from "./rooms/GameRoom";
import { ClassRoom } from "./rooms/class/ClassRoom";
import { levelCatalog, setAuthoredLevels } from "./levels-catalog";
import { type ScaleOut, scaleOutServerOptions } from "./scale-out";
import { mountExports, openStore, recoverRooms, type Store, setRoomStore } from "./store";
import { guardJoins } from "./http/join-limit";
import { secureHttp } from "./http/security-headers";
import { mountLevelsApi } from "./http/levels-api";
import { useNodeTraceHasher } from "./node-trace-hasher";

export interface StartOptions {
  port: number;
  /** Interface to listen on: "0.0.0.0" to play on a LAN, "127.0.0.1" for tests. Default "0.0.0.0". */
  host?: string;
  /** The built client (vite build output). Default: dist/client of this repository, whatever the working directory. */
  staticDir?: string;
  /** Share rooms and matchmaking with other processes through Redis (see server/scale-out.ts). Default: this process alone. */
  scaleOut?: ScaleOut;
  /**
   * The SQLite file that keeps games, results and replays (server/store/), so that a restarted server brings back
   * the games that were open. Default ":memory:", kept by nothing: server/main.ts passes the real file.
   */
  database?: string;
  /**
   * How long the proof of an uploaded level may run once its thread has loaded (server/http/proof-runner.ts).
   * Default PROOF_BUDGET_MS; tests that need a verdict on a loaded machine pass a generous one.
   */
  proofBudgetMs?: number;
}

export interface RunningServer {
  /** The port actually bound (useful when `port` was 0). */
  port: number;
  close(): Promise<void>;
}

const DEFAULT_STATIC_DIR = fileURLToPath(new URL("../dist/client", import.meta.url));

// Room messages are small (an action is a few dozen bytes); this only bounds what a misbehaving client
// can make the server buffer. Oversized payloads under it are refused with a clear `result` by validation.
const MAX_FRAME_BYTES = 64 * 1024;

/**
 * Starts the server. Colyseus keeps its matchmaker in module state, so run one server per process at a
 * time (close() the previous one first).
 */
export async function startServer(opts: StartOptions): Promise<RunningServer> {
  useNodeTraceHasher(); // the rooms' simulations hash their traces natively: same digest, less CPU per event
  const staticDir = opts.staticDir ? path.resolve(opts.staticDir) : DEFAULT_STATIC_DIR;
  const transport = new WebSocketTransport({ maxPayload: MAX_FRAME_BYTES });
  const shared = opts.scaleOut ? await scaleOutServerOptions(opts.scaleOut) : {};
  const store = openStore(opts.database ?? ":memory:", opts.scaleOut?.publicAddress);
  setRoomStore(store);
  const server = defineServer({
    ...shared,
    rooms: { game: defineRoom(GameRoom).filterBy(["code"]), class: defineRoom(ClassRoom).filterBy(["code"]) },
    transport,
    greet: false,
    // The embedding process decides about signals (server/main.ts does); tests must not exit on SIGINT.
    gracefullyShutdown: false,
    express: (app) => mountHttp(app, staticDir, store, opts.proofBudgetMs),
  });

  await server.listen(opts.port, opts.host ?? "0.0.0.0");
  const http = transport.server;
  if (!http) throw new Error("the WebSocket transport has no HTTP server");
  const port = (http.address() as AddressInfo).port;
  guardJoins(http); // wrong join codes are rate-limited per address (server/http/join-limit.ts)
  await recoverRooms(store);

  let closing: Promise<void> | undefined;
  return {
    port,
    close: () => (closing ??= shutdown(server, http, store)),
  };
}

function mountHttp(app: express.Application, staticDir: string, store: Store, proofBudgetMs?: number): void {
  secureHttp(app); // first: every answer carries the CSP and the other security headers
  app.get("/api/levels", (_req, res) => {
    res.json(levelCatalog().list());
  });
  mountExports(app, store);
  mountLevelsApi(app, store, { proofBudgetMs }); // authored levels: POST /api/levels, GET /api/levels/<id> (server/http/levels-api.ts)
  if (existsSync(staticDir)) {
    app.use(express.static(staticDir, { index: "index.html" }));
  } else {
    app.get("/", (_req, res) => {
      res
        .status(503)
        .type("text/plain")
        .send(`The game client is not built yet (${staticDir} is missing): run "npm start", which builds it first.`);
    });
  }
}

async function shutdown(server: Server, http: NonNullable<WebSocketTransport["server"]>, store: Store): Promise<void> {
  // The database first: a stop must not look like the end of the games (rooms write nothing once it is closed),
  // so the next start brings them back exactly as a kill would leave them.
  store.close();
  setRoomStore(undefined);
  setAuthoredLevels(undefined); // the closed store's levels are no longer offered (levels-catalog.ts)
  const closed = new Promise<void>((resolve) => {
    if (!http.listening) resolve();
    else http.once("close", () => resolve());
  });
  // Disposes every room (their clients get a "server shutdown" close code), then closes the transport.
  await server.gracefullyShutdown(false);
  // Idle keep-alive HTTP connections would otherwise hold the port for seconds.
  http.closeAllConnections();
  await closed;
}
