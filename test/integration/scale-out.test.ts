// Several server processes, one deployment: a real redis-server and two `server/main.ts` processes, each with its
// own public address. A game lives on one process; players who come in through the other are sent to it.

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClass, joinClass, joinMyGame, me, mine, teach } from "./class-helpers";
import { client, control, createGame, type GameRoomClient, joinGame, takeRole } from "./helpers";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? "redis-server";

interface Proc {
  name: string;
  child: ChildProcess;
  output: string[];
}

/** A server process as players see it: its address, which is also its PUBLIC_ADDRESS. */
interface ServerAddress {
  address: string;
  url: string;
}

const procs: Proc[] = [];
let scratch: string;
let a: ServerAddress;
let b: ServerAddress;

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), "split-brain-scale-out-"));
  const redisPort = await freePort();
  // A throwaway Redis: nothing written to disk, gone with the test.
  const redis = start("redis-server", REDIS_SERVER, ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", scratch]);
  await printed(redis, "Ready to accept connections");
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  [a, b] = await Promise.all([serverProcess("A", redisUrl), serverProcess("B", redisUrl)]);
}, 180_000);

afterAll(async () => {
  // Servers first (they remove their rooms from Redis as they go), then Redis; each is waited for, even after a failure.
  await Promise.all(procs.filter((p) => p.name !== "redis-server").map(stop));
  await Promise.all(procs.filter((p) => p.name === "redis-server").map(stop));
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}, 180_000);

describe("several server processes sharing Redis", () => {
  it("sends a student who comes in through the other process to the game, and both play on the same state", async () => {
    const host = await createGame(client(a.url), "Ada");
    const home = hostOf(host);
    expect([a.address, b.address]).toContain(home);
    const other = home === a.address ? b : a;

    // The student's request reaches a process that does not hold the game: it finds it by code through Redis and
    // the SDK follows the game's public address.
    const student = await joinGame(client(other.url), host.state.code, "Grace");
    expect(student.roomId).toBe(host.roomId);
    expect(hostOf(student)).toBe(home);
    await expect.poll(() => host.state.players.size).toBe(2);
    expect([...student.state.players.values()].map((p) => p.name).sort()).toEqual(["Ada", "Grace"]);

    // What one does, the other sees.
    expect(await takeRole(student, "chaos")).toMatchObject({ ok: true });
    await expect.poll(() => host.state.players.get(student.sessionId)?.role).toBe("chaos");
    await control(host, "speed", { speed: 0.01 });
    await control(host, "start");
    await expect.poll(() => student.state.phase).toBe("running");
    expect(await sendAction(student, { type: "crash", node: "n2" })).toMatchObject({ ok: true });
    await expect.poll(() => host.state.nodes.get("n2")?.up).toBe(false);

    await Promise.all([host.leave(), student.leave()]);
  });

  it("gives games created through either process distinct codes, and either process finds each game by its code", async () => {
    const first = await createGame(client(a.url), "Ada");
    const second = await createGame(client(b.url), "Barbara");
    expect(second.state.code).not.toBe(first.state.code);
    expect(second.roomId).not.toBe(first.roomId);

    for (const game of [first, second]) {
      for (const via of [a, b]) {
        const guest = await joinGame(client(via.url), game.state.code, "Grace");
        expect(guest.roomId).toBe(game.roomId);
        expect(hostOf(guest)).toBe(hostOf(game));
        await guest.leave();
      }
    }
    await Promise.all([first.leave(), second.leave()]);
  });

  it("runs one class session for students who come in through different processes", async () => {
    const teacher = await createClass(client(a.url), { groupSize: 4 });
    const code = teacher.state.code;
    // One student through each process: the class room lives on one of them, and both reach it by its code.
    const ann = await joinClass(client(a.url), code, "Ann");
    const ben = await joinClass(client(b.url), code, "Ben");
    expect(ben.roomId).toBe(teacher.roomId);
    expect(ann.roomId).toBe(teacher.roomId);
    await expect.poll(() => [...teacher.state.roster.values()].map((s) => s.name).sort()).toEqual(["Ann", "Ben", "Ms Rivera"]);

    // Each joins their group's game with the ticket the class gave them, whichever process holds that game: the
    // class room seated them there through remoteRoomCall, across processes.
    expect(me(ann).group).toBe(me(ben).group);
    const annGame = await joinMyGame(client(b.url), ann);
    const benGame = await joinMyGame(client(a.url), ben);
    expect(annGame.roomId).toBe(benGame.roomId);
    expect(annGame.state.players.get(annGame.sessionId)?.role).toBe(me(ann).role);
    expect(benGame.state.players.get(benGame.sessionId)?.role).toBe(me(ben).role);

    // The teacher's time control reaches the group's game, wherever it lives.
    expect(await teach(teacher, "start")).toMatchObject({ ok: true });
    await expect.poll(() => benGame.state.phase).toBe("running");
    expect(mine(ann).gameCode).toBe(benGame.state.code);

    await Promise.all([annGame.leave(), benGame.leave(), ann.leave(), ben.leave()]);
    await teacher.leave();
  });

  it("refuses a code that leads to no game on any process, naming the code", async () => {
    const game = await createGame(client(a.url));
    const wrong = game.state.code === "ZZZZZ" ? "YYYYY" : "ZZZZZ";
    for (const via of [a, b]) {
      await expect(client(via.url).join("game", { code: wrong, name: "Eve" })).rejects.toThrow(`No game has the code ${wrong}`);
    }
    await game.leave();
  });
});

/** host:port of the process whose WebSocket the room is connected to. */
function hostOf(room: GameRoomClient): string {
  const url = room.connection.url;
  if (!url) throw new Error("the room has no connection");
  return new URL(url).host;
}

function sendAction(room: GameRoomClient, action: Record<string, unknown>) {
  return room.request("action", { action });
}

async function serverProcess(name: string, redisUrl: string): Promise<ServerAddress> {
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  // The same Node as the tests (Colyseus 0.18 needs 22), with tsx as a loader, as `npm start` runs server/main.ts.
  const proc = start(name, process.execPath, ["--import", "tsx", "server/main.ts"], {
    PORT: String(port),
    HOST: "127.0.0.1",
    REDIS_URL: redisUrl,
    PUBLIC_ADDRESS: address,
    // A database of its own in the test's scratch folder: never the repository's data/, never shared by the two.
    SPLIT_BRAIN_DB: path.join(scratch, `${name}.db`),
  });
  await printed(proc, `reached as ${address}`);
  return { address, url: `http://${address}` };
}

/** Resolves once the process has printed `text` (it is then serving); fails with its output if it exits first. */
function printed(proc: Proc, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (proc.output.join("").includes(text)) resolve();
    };
    check();
    proc.child.stdout?.on("data", check);
    proc.child.once("exit", (code, signal) => reject(new Error(`${proc.name} exited (${code ?? signal}) before it was ready:\n${proc.output.join("")}`)));
    proc.child.once("error", (e) => reject(new Error(`cannot start ${proc.name}: ${e.message}`)));
  });
}

function start(name: string, command: string, args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const proc: Proc = { name, child, output: [] };
  child.stdout?.on("data", (chunk: Buffer) => proc.output.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => proc.output.push(chunk.toString()));
  child.once("error", (e) => proc.output.push(`cannot start ${command}: ${e.message}\n`));
  procs.push(proc);
  return proc;
}

/** SIGTERM (main.ts closes its games and leaves Redis clean), SIGKILL only for a process that hangs. */
async function stop(proc: Proc): Promise<void> {
  const { child } = proc;
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const hung = setTimeout(() => child.kill("SIGKILL"), 30_000);
  await exited;
  clearTimeout(hung);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
