// Shared by the integration tests: a real server on its own 127.0.0.1 port and real SDK clients.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import type { ResultMessage } from "../../shared/protocol/messages";
import { type RunningServer, startServer } from "../../server/app";
import type { GameState } from "../../server/rooms/schema/GameState";

export const LEVEL = "etcd/leader-election";
export type GameRoomClient = Room<any, GameState>;

/** Boots the real server with a throwaway client build (one index.html) so the static route can be checked. */
export async function boot(port: number): Promise<{ server: RunningServer; url: string; staticDir: string }> {
  const staticDir = mkdtempSync(path.join(tmpdir(), "split-brain-client-"));
  writeFileSync(path.join(staticDir, "index.html"), "<!doctype html><title>Split Brain</title>");
  const server = await startServer({ port, host: "127.0.0.1", staticDir });
  return { server, url: `http://127.0.0.1:${server.port}`, staticDir };
}

export function client(url: string): Client {
  return new Client(url);
}

/** Creates a game and waits until its state (with the join code) has arrived. */
export async function createGame(c: Client, name = "Host", extra: Record<string, unknown> = {}): Promise<GameRoomClient> {
  const room = await c.create<GameState>("game", { level: LEVEL, name, ...extra });
  await until(() => room.state?.code?.length === 5, "the join code to arrive");
  return room;
}

export async function joinGame(c: Client, code: string, name: string): Promise<GameRoomClient> {
  const room = await c.join<GameState>("game", { code, name });
  await until(() => room.state?.players?.has(room.sessionId) === true, `${name} to appear in the state`);
  return room;
}

/** Polls until `check()` holds; fails with what was awaited. */
export async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Sends a message the way the game client does (plain send) and resolves with the `result` that answers it. */
export function send(room: GameRoomClient, type: string, payload: unknown): Promise<ResultMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no result for "${type}"`));
    }, 5000);
    const off = room.onMessage("result", (result: ResultMessage) => {
      clearTimeout(timer);
      off();
      resolve(result);
    });
    room.send(type, payload);
  });
}

export async function control(room: GameRoomClient, op: string, extra: Record<string, unknown> = {}): Promise<ResultMessage> {
  const result = await send(room, "control", { op, ...extra });
  if (!result.ok) throw new Error(`control ${op} refused: ${result.error}`);
  return result;
}

export async function takeRole(room: GameRoomClient, role: string, node?: string): Promise<ResultMessage> {
  return send(room, "role", node === undefined ? { role } : { role, node });
}

/** The player's own row in the state. */
export function me(room: GameRoomClient) {
  const p = room.state.players.get(room.sessionId);
  if (!p) throw new Error("not in the player list");
  return p;
}
