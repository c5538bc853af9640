// `npx tsx server/tools/soak.ts [--hours 3] [--rooms 3]`: hours of class time compressed into minutes, to show that
// memory stays flat. A real server and real SDK clients in this process: several game rooms at top speed, each
// playing round after round (start, play to the end, restart), players acting, leaving and being replaced, and every
// simulated hour each room closed and a fresh one opened, as a class moves on. The heap is measured after a full
// garbage collection at the start (after one warm-up round per room), in the middle and at the end.
//
// runSoak() is exported for `npm run bench` (server/tools/bench.ts may call it and print the rows).

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Client, type Room } from "@colyseus/sdk";
import { startServer } from "../app";
import type { GameState } from "../rooms/schema/GameState";
import { textTable } from "./text-table";

export interface SoakOptions {
  /** Simulated hours each room plays. */
  hours: number;
  /** Rooms playing at once. */
  rooms: number;
  port: number;
  level: string;
  /** Print progress lines. */
  log?: (line: string) => void;
}

export interface HeapSample {
  label: string;
  simHours: number;
  rounds: number;
  heapMiB: number;
  rssMiB: number;
}

export interface SoakReport {
  samples: HeapSample[];
  /** Rounds played, all rooms together. */
  rounds: number;
  joins: number;
  roomsOpened: number;
  wallSeconds: number;
  /** Heap at the end over heap at the start, after full GCs. */
  heapGrowth: number;
}

const DEFAULTS: SoakOptions = { hours: 3, rooms: 3, port: 2791, level: "etcd/leader-election" };
/** Top speed: simulated ms per real ms (the room's upper bound). */
const SPEED = 100;
/** Every this many rounds a room's client player leaves and a newcomer takes the role. */
const CHURN_ROUNDS = 5;

type GameRoom = Room<unknown, GameState>;

/** gc() even without --expose-gc: the flag can be set at run time, and a fresh context then sees the function. */
function fullGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc ?? (setFlagsFromString("--expose-gc"), runInNewContext("gc") as () => void);
  gc();
  gc();
}

function sample(label: string, simHours: number, rounds: number): HeapSample {
  fullGc();
  const m = process.memoryUsage();
  return { label, simHours, rounds, heapMiB: m.heapUsed / 2 ** 20, rssMiB: m.rss / 2 ** 20 };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

/** One room's class session: a host, a chaos agent, an operator and a client player, round after round. */
class Session {
  host!: GameRoom;
  players: GameRoom[] = [];
  rounds = 0;
  joins = 0;
  private acting = true;

  constructor(
    private readonly url: string,
    private readonly level: string,
  ) {}

  async open(): Promise<void> {
    this.host = (await new Client(this.url).create("game", { level: this.level, name: "Teacher" })) as GameRoom;
    await waitFor(() => this.host.state?.code?.length === 5, 10_000);
    for (const role of ["chaos", "operator", "client"]) this.players.push(await this.join(role));
  }

  private async join(role: string): Promise<GameRoom> {
    const room = (await new Client(this.url).join("game", { code: this.host.state.code, name: role })) as GameRoom;
    room.onMessage("*", () => undefined);
    await waitFor(() => room.state?.players?.has(room.sessionId) === true, 10_000);
    await room.request("role", { role });
    this.joins++;
    return room;
  }

  /**
   * Plays one round to its end: start, the client reads and writes while it runs, then restart (back to the lobby).
   * Returns the simulated ms the round ran.
   */
  async round(): Promise<number> {
    // A request's reply comes before the state patch: wait for the state to show each step. A restart puts the
    // speed back to the level's, so it is set every round.
    await this.host.request("control", { op: "speed", speed: SPEED });
    await waitFor(() => this.host.state.speed === SPEED, 10_000);
    await this.host.request("control", { op: "start" });
    await waitFor(() => this.host.state.phase === "running", 10_000);
    this.acting = true;
    const client = this.players[2];
    const acting = (async () => {
      for (let i = 0; this.acting; i++) {
        await client.request("action", { action: i % 2 ? { type: "get", key: "k1" } : { type: "put", key: "k1", value: `v${i}` } });
        await sleep(50);
      }
    })();
    await waitFor(() => this.host.state.phase === "won" || this.host.state.phase === "lost", 15_000);
    this.acting = false;
    await acting;
    const played = this.host.state.simTime;
    await this.host.request("control", { op: "restart" });
    await waitFor(() => this.host.state.phase === "lobby", 10_000);
    this.rounds++;
    if (this.rounds % CHURN_ROUNDS === 0) {
      const leaving = this.players.pop() as GameRoom;
      await leaving.leave();
      this.players.push(await this.join("client"));
    }
    return played;
  }

  async close(): Promise<void> {
    await Promise.all([...this.players, this.host].map((r) => r.leave()));
    this.players = [];
  }
}

const HOUR_MS = 3_600_000;

export async function runSoak(options: Partial<SoakOptions> = {}): Promise<SoakReport> {
  const o = { ...DEFAULTS, ...options };
  const log = o.log ?? (() => undefined);
  const started = Date.now();
  const server = await startServer({ port: o.port, host: "127.0.0.1", staticDir: "/nonexistent" });
  const url = `http://127.0.0.1:${server.port}`;
  const samples: HeapSample[] = [];
  let roomsOpened = 0;
  let closedJoins = 0;
  let closedRounds = 0;
  const open = async (): Promise<Session> => {
    const s = new Session(url, o.level);
    await s.open();
    roomsOpened++;
    return s;
  };
  try {
    const sessions = await Promise.all(Array.from({ length: o.rooms }, open));
    // Warm-up: everything a round allocates once is allocated before the first sample.
    await Promise.all(sessions.map((s) => s.round()));
    /** Simulated time played per room (rooms advance together), and where each room's current hour began. */
    let simMs = 0;
    let hourStart = 0;
    const rounds = () => closedRounds + sessions.reduce((n, s) => n + s.rounds, 0);
    samples.push(sample("start", 0, rounds()));
    log(`start: ${samples[0].heapMiB.toFixed(1)} MiB heap`);
    let middleTaken = false;
    while (simMs < o.hours * HOUR_MS) {
      const played = await Promise.all(sessions.map((s) => s.round()));
      simMs += Math.min(...played);
      if (simMs - hourStart >= HOUR_MS && simMs < o.hours * HOUR_MS) {
        // The class moves on: every room closes and a fresh one opens.
        hourStart = simMs;
        for (let i = 0; i < sessions.length; i++) {
          closedJoins += sessions[i].joins;
          closedRounds += sessions[i].rounds;
          await sessions[i].close();
          sessions[i] = await open();
        }
        log(`${(simMs / HOUR_MS).toFixed(2)} h simulated per room, ${rounds()} rounds`);
      }
      if (!middleTaken && simMs >= (o.hours * HOUR_MS) / 2) {
        middleTaken = true;
        samples.push(sample("middle", simMs / HOUR_MS, rounds()));
      }
    }
    const total = rounds();
    const joins = closedJoins + sessions.reduce((n, s) => n + s.joins, 0);
    await Promise.all(sessions.map((s) => s.close()));
    await sleep(500); // empty rooms dispose
    samples.push(sample("end", simMs / HOUR_MS, total));
    const first = samples[0];
    const last = samples.at(-1) as HeapSample;
    return { samples, rounds: total, joins, roomsOpened, wallSeconds: (Date.now() - started) / 1000, heapGrowth: last.heapMiB / first.heapMiB };
  } finally {
    await server.close();
  }
}

function parseArgs(argv: string[]): Partial<SoakOptions> {
  const out: Partial<SoakOptions> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const value = Number(argv[i + 1]);
    if (argv[i] === "--hours" && value > 0) out.hours = value;
    else if (argv[i] === "--rooms" && value > 0) out.rooms = value;
    else throw new Error(`usage: soak.ts [--hours N] [--rooms N] (got "${argv[i]}")`);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const report = await runSoak({ ...parseArgs(process.argv.slice(2)), log: (line) => console.log(line) });
  console.log(
    textTable(
      ["sample", "sim hours / room", "rounds (all rooms)", "heap MiB", "rss MiB"],
      report.samples.map((s) => [s.label, s.simHours.toFixed(2), String(s.rounds), s.heapMiB.toFixed(1), s.rssMiB.toFixed(1)]),
      new Set([1, 2, 3, 4]),
    ),
  );
  console.log(
    `${report.rounds} rounds, ${report.roomsOpened} rooms, ${report.joins} joins in ${report.wallSeconds.toFixed(0)} s; heap end/start ${report.heapGrowth.toFixed(2)}`,
  );
  process.exit(0);
}
