// The bots of the class bench (bench-class.ts): a teacher and their students as real SDK clients over real
// WebSockets, doing what people in a class do: the teacher creates the class, starts the rounds, asks a question and
// restarts a group whose round has ended; each student joins with a name, follows their ticket into their group's
// game, takes the seat the class gave them, acts at a human rate (one action every few seconds, one their role may
// take) and votes once. Every byte the students' sockets receive is counted.

import { Client, type Room } from "@colyseus/sdk";

/** A human's pace: one action every 3 to 7 seconds. */
const ACT_MIN_MS = 3000;
const ACT_MAX_MS = 7000;
const JOIN_TIMEOUT_MS = 60_000;

// biome-ignore lint/suspicious/noExplicitAny: the bench reads the rooms' states as plain data.
type AnyRoom = Room<any, any>;

/** Bytes received on the sockets it watches. */
export class ByteMeter {
  bytes = 0;

  watch(room: AnyRoom): void {
    const ws = (room.connection.transport as unknown as { ws: WebSocket }).ws;
    ws.addEventListener("message", (event: MessageEvent) => {
      const data = event.data as ArrayBuffer | string | Blob;
      this.bytes += typeof data === "string" ? Buffer.byteLength(data) : data instanceof Blob ? data.size : data.byteLength;
    });
  }
}

export interface BotStudent {
  name: string;
  classRoom: AnyRoom;
  game: AnyRoom;
  role: string;
  node: string;
}

export interface BotClass {
  mode: "groups" | "whole";
  teacher: AnyRoom;
  students: BotStudent[];
  /** Game rooms (groups) the class made. */
  groups: number;
  /** Node count of each group's cluster, as the class shows it. */
  nodes: number;
}

/** A class of `size` bot students on `level`, every one of them seated in their group's game. */
/** `meter` counts everything the students receive; `gameMeter` the game rooms' part of it. */
export async function seatClass(url: string, level: string, mode: "groups" | "whole", size: number, meter: ByteMeter, gameMeter: ByteMeter, index: number): Promise<BotClass> {
  const teacher = await new Client(url).create("class", { level, name: `Teacher ${index}`, mode, groupSize: 5 });
  teacher.onMessage("result", () => {});
  await until(() => teacher.state?.code?.length === 5, "the class code");
  const code = teacher.state.code as string;
  const arrived: Arrived[] = [];
  // Students arrive ten at a time, as a class does when the code goes up on the board; their pages open their games
  // once the class is in (a cluster that grows with each arrival would otherwise re-send its whole state to every
  // page already in it, once per arrival: test/integration/class-cluster.test.ts covers that path).
  for (let i = 0; i < size; i += 10) {
    const batch = Array.from({ length: Math.min(10, size - i) }, (_, k) => joinClass(url, code, `S${index}-${i + k + 1}`, meter));
    arrived.push(...(await Promise.all(batch)));
  }
  const students = await Promise.all(arrived.map((a) => openGame(a, [meter, gameMeter])));
  // A whole-class cluster grows as students arrive; everyone's seat is in once the last one is.
  for (const s of students) await until(() => seatOf(s.game) !== undefined, `${s.name}'s seat`);
  for (const s of students) Object.assign(s, seatOf(s.game));
  const nodes = String(teacher.state.nodes).split(",").length;
  return { mode, teacher, students, groups: teacher.state.groups.length, nodes };
}

interface Arrived {
  name: string;
  client: Client;
  classRoom: AnyRoom;
}

async function joinClass(url: string, code: string, name: string, meter: ByteMeter): Promise<Arrived> {
  const client = new Client(url);
  const classRoom = await client.join("class", { code, name });
  classRoom.onMessage("result", () => {});
  meter.watch(classRoom);
  return { name, client, classRoom };
}

/** The student's page follows their ticket into their group's game. */
async function openGame({ name, client, classRoom }: Arrived, meters: ByteMeter[]): Promise<BotStudent> {
  const mine = () => [...(classRoom.state?.mine?.values() ?? [])][0] as { gameCode: string; ticket: string } | undefined;
  await until(() => (mine()?.ticket ?? "") !== "", `${name}'s ticket`);
  const seat = mine() as { gameCode: string; ticket: string };
  const game = await client.join("game", { code: seat.gameCode, ticket: seat.ticket });
  game.onMessage("result", () => {});
  game.onMessage("client-result", () => {});
  for (const meter of meters) meter.watch(game);
  return { name, classRoom, game, role: "", node: "" };
}

function seatOf(game: AnyRoom): { role: string; node: string } | undefined {
  const me = game.state?.players?.get(game.sessionId);
  if (!me || me.role === "spectator") return undefined;
  return { role: me.role, node: me.node };
}

/** Starts every round of the class; restarts any group whose round ended, so the clusters keep running. */
export function teach(bots: BotClass, until: () => boolean): Promise<void> {
  bots.teacher.send("class-control", { op: "start" });
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (until()) {
        clearInterval(timer);
        resolve();
        return;
      }
      for (const g of bots.teacher.state.groups.values()) {
        if (g.phase === "won" || g.phase === "lost") {
          bots.teacher.send("class-control", { op: "restart", group: g.id });
          bots.teacher.send("class-control", { op: "start", group: g.id });
        }
      }
    }, 1000);
  });
}

/** The teacher asks a question; every student answers once, within the first ten seconds. */
export async function askAndVote(bots: BotClass, rng: () => number): Promise<void> {
  bots.teacher.send("class-control", { op: "poll-open", question: "Which agent is declared failed first?", choices: ["n1", "n8", "none"] });
  await until(() => bots.teacher.state.poll.open === true, "the question to open", 10_000);
  const poll = bots.teacher.state.poll.id as string;
  for (const s of bots.students) {
    setTimeout(() => s.classRoom.send("vote", { poll, choice: Math.floor(rng() * 3) }), Math.floor(rng() * 10_000));
  }
}

/** One action every few seconds, one the student's role may take in the Consul gossip level, until `stop()`. */
export function act(student: BotStudent, rng: () => number, stop: () => boolean): Promise<number> {
  let n = 0;
  return new Promise((resolve) => {
    const next = () => {
      if (stop()) return resolve(n);
      const action = actionFor(student, n);
      if (action) student.game.send("action", { action });
      n++;
      setTimeout(next, ACT_MIN_MS + Math.floor(rng() * (ACT_MAX_MS - ACT_MIN_MS)));
    };
    setTimeout(next, Math.floor(rng() * ACT_MAX_MS));
  });
}

function actionFor(s: BotStudent, n: number): Record<string, unknown> | undefined {
  switch (s.role) {
    case "node":
      return { type: n % 2 === 0 ? "crash-self" : "restart-self" };
    case "client":
      return n % 2 === 0 ? { type: "get", key: "config/a" } : { type: "put", key: "config/b", value: `v${n}` };
    case "operator":
      return { type: "set-config", setting: "suspicion-mult", value: n % 2 === 0 ? 4 : 5 };
    case "chaos":
      return { type: "heal" };
    default:
      return undefined;
  }
}

/** Everyone leaves; a room whose connection is already gone never settles its leave(), so this waits at most 5 s. */
export async function leaveClass(bots: BotClass): Promise<void> {
  const rooms = [...bots.students.flatMap((s) => [s.game, s.classRoom]), bots.teacher].filter((r) => r.connection?.isOpen);
  await Promise.race([Promise.allSettled(rooms.map((r) => r.leave())), new Promise((resolve) => setTimeout(resolve, 5000))]);
}

async function until(check: () => boolean, what: string, timeoutMs = JOIN_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`class bench: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
