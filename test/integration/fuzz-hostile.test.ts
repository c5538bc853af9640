// A game room under attack (issue 9): legitimate players keep playing while hostile clients send well over 100,000
// messages: random types, malformed, oversized and deeply nested payloads, actions outside their role, host controls,
// grabs at other players' seats, floods, raw garbage frames, sockets that never read and sockets that vanish
// mid-frame. The server must stay up, the room must keep ticking and answering, every legitimate action must
// succeed, the round's state and invariants must stay valid, floods must be cut off with their reason, and nothing
// out of role may take effect (the round's journal, which replays it, holds exactly the legitimate players' acts).
//
// The hostile messages come from a seeded generator: the seed is printed, and FUZZ_SEED=<seed> replays them.
import { randomInt } from "node:crypto";
import { matchMaker } from "@colyseus/core";
import type { Room } from "@colyseus/sdk";
import { pack } from "msgpackr";
import WebSocket from "ws";
import { afterAll, beforeAll, expect, it } from "vitest";
import { levelCatalog } from "../../server/levels-catalog";
import { RATE_LIMITED_CLOSE, ROOM_MESSAGE_RATE, rateLimitReason, UNREADABLE_CLOSE, UNREADABLE_REASON } from "../../server/rooms/rate-limit";
import { playReplay, type ReplayFile } from "../../server/store/journal";
import type { ResultMessage } from "../../shared/protocol/messages";
import { Rng } from "../../shared/sim/rng";
import { type Hostile, HostileMessages } from "./fuzz-payloads";
import { boot, client, control, createGame, joinGame, LEVEL, sleep, takeRole, until, type GameRoomClient } from "./helpers";

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : randomInt(0, 2 ** 31 - 1);
/** How long the attack lasts (real time). */
const ATTACK_MS = 22_000;
/** Hostile clients that stay under the rate limit, so every message they send is validated and answered. */
const PACED = 10;
/** Messages a paced client sends every 100 ms: 90 a second, under the limit. */
const PACED_BATCH = 9;
/** Messages each flooder fires at once (the limit cuts it off after a few hundred). */
const FLOOD = 3_000;
const SPEED = 0.5;
/** Raw clients that vanish (each holds its seat for the reconnection window): well under the room's 100 seats. */
const VANISHING = 40;

let ctx: Awaited<ReturnType<typeof boot>>;

beforeAll(async () => {
  console.log(`fuzz-hostile seed ${SEED} (FUZZ_SEED=${SEED} replays the same hostile messages)`);
  ctx = await boot(2723);
});
afterAll(async () => {
  await ctx.server.close();
});

interface Legit {
  role: "chaos" | "operator" | "client";
  room: GameRoomClient;
  ok: number;
  refusals: string[];
}

/** A legitimate player acting every 100 ms; every action must be accepted. */
async function play(p: Legit, action: (i: number) => unknown, done: () => boolean): Promise<void> {
  for (let i = 0; !done(); i++) {
    const reply = (await p.room.request("action", { action: action(i) })) as ResultMessage;
    if (reply.ok) p.ok++;
    else p.refusals.push(`${p.role}: ${reply.error}`);
    await sleep(100);
  }
}

/** Colyseus' protocol code of the join handshake (both ways). */
const JOIN_ROOM = 10;
/** The close code of a client that leaves on purpose (Colyseus' CloseCode.CONSENTED). */
const CONSENTED = 4000;

/** A seat reservation taken over HTTP, then a raw WebSocket that speaks Colyseus' protocol (or fails to). */
async function rawJoin(code: string, name: string): Promise<WebSocket> {
  const res = await fetch(`${ctx.url}/matchmake/join/game`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ code, name }) });
  const seat = (await res.json()) as { processId: string; roomId: string; sessionId: string };
  const ws = new WebSocket(`ws://127.0.0.1:${ctx.server.port}/${seat.processId}/${seat.roomId}?sessionId=${seat.sessionId}`);
  ws.on("error", () => undefined);
  await new Promise<void>((resolve, reject) => {
    // The server's first frame is its JOIN_ROOM handshake, or an ERROR frame (its text readable in the bytes) before
    // it closes: a refused join must fail here with the server's words, not pass for a flood's close later.
    ws.once("message", (data: Buffer) => {
      if (data[0] === JOIN_ROOM) resolve();
      else reject(new Error(`raw client ${name} was refused: ${data.subarray(1).toString("latin1")}`));
    });
    ws.once("close", (c) => reject(new Error(`raw client closed before joining (${c})`)));
  });
  ws.send(Buffer.from([JOIN_ROOM])); // "joined", so the room sends state and takes room messages
  return ws;
}

/** A ROOM_DATA frame as the SDK encodes one: protocol code 13, the type as a short string, the payload in MessagePack. */
function roomData({ type, payload }: Hostile): Buffer {
  const asked = Buffer.from(String(type));
  const name = asked.length < 32 ? asked : Buffer.from("action");
  return Buffer.concat([Buffer.from([13, 0xa0 | name.length]), name, pack(payload)]);
}

function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) resolve({ code: -1, reason: "" });
    else ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() }));
  });
}

it(
  "hostile clients send over 100,000 messages; the room keeps ticking, legitimate play goes on, nothing out of role takes effect",
  async () => {
    const rng = new Rng(SEED);
    const host = await createGame(client(ctx.url), "Host", { seed: 7 });
    const code = host.state.code;
    const legit: Legit[] = [];
    for (const role of ["chaos", "operator", "client"] as const) {
      const room = await joinGame(client(ctx.url), code, `Legit ${role}`);
      room.onMessage("client-result", () => undefined);
      expect((await takeRole(room, role)).ok).toBe(true);
      legit.push({ role, room, ok: 0, refusals: [] });
    }
    await control(host, "speed", { speed: SPEED });
    await control(host, "start");
    const legitIds = () => [host.sessionId, ...legit.map((p) => p.room.sessionId)];

    let sent = 0;
    let attacking = true;
    const over = () => !attacking;
    const stateProblems: string[] = [];
    const simTimes: { at: number; simTime: number }[] = [];

    // Legitimate play: the chaos agent heals (free), the operator writes, the client reads.
    const [chaos, operator, reader] = legit;
    const playing = Promise.all([
      play(chaos, () => ({ type: "heal" }), over),
      play(operator, (i) => ({ type: "put", key: "k1", value: `op-${i}` }), over),
      play(reader, (i) => ({ type: "get", key: `k${(i % 5) + 1}` }), over),
    ]);

    // What the legitimate host sees must stay a valid round the whole time.
    const watching = (async () => {
      while (attacking) {
        const s = host.state;
        simTimes.push({ at: Date.now(), simTime: s.simTime });
        if (s.phase !== "running") stateProblems.push(`phase ${s.phase} (${s.outcomeText})`);
        if (s.paused || s.speed !== SPEED) stateProblems.push(`paused ${s.paused}, speed ${s.speed}`);
        if (s.nodes.size !== 5) stateProblems.push(`${s.nodes.size} nodes`);
        const hosts = [...s.players.values()].filter((p) => p.host).map((p) => p.sessionId);
        if (hosts.join() !== host.sessionId) stateProblems.push(`hosts: ${hosts.join()}`);
        for (const p of legit) if (s.players.get(p.room.sessionId)?.role !== p.role) stateProblems.push(`${p.role} lost their seat`);
        const safety = [...s.objectives].find((o) => o.id === "safety");
        if (safety?.met) stateProblems.push("a safety invariant was violated");
        await sleep(200);
      }
    })();

    // Paced hostile clients: everything they send is validated and answered; none of it may succeed out of role.
    const hostileResults: ResultMessage[] = [];
    const paced: GameRoomClient[] = [];
    for (let i = 0; i < PACED; i++) paced.push(await joinGame(client(ctx.url), code, `Hostile ${i}`));
    const pacing = paced.map(async (room, i) => {
      const messages = new HostileMessages(rng.int(0, 2 ** 31 - 1) + i, legitIds);
      room.onMessage("result", (r: ResultMessage) => hostileResults.push(r));
      room.onMessage("*", () => undefined);
      while (attacking && room.connection.isOpen) {
        for (let k = 0; k < PACED_BATCH; k++) {
          const m = messages.next();
          room.send(m.type as string, m.payload);
          sent++;
        }
        await sleep(100);
      }
    });

    // Flooders, one after another: each is cut off with the rate limit's close code and reason.
    const floods: { code: number; reason: string }[] = [];
    const flooding = (async () => {
      const messages = new HostileMessages(rng.int(0, 2 ** 31 - 1), legitIds);
      const frames = Array.from({ length: 64 }, () => roomData(messages.next()));
      for (let n = 0; attacking; n++) {
        const ws = await rawJoin(code, `Flood ${n}`);
        const closed = closeOf(ws);
        for (let k = 0; k < FLOOD; k++) ws.send(frames[k % frames.length]);
        sent += FLOOD;
        floods.push(await closed);
        await sleep(100);
      }
    })();

    // Raw sockets: garbage frames, an oversized frame, one that never reads, ones that vanish mid-frame.
    const oversized: { code: number; reason: string }[] = [];
    const garbled: { code: number; reason: string }[] = [];
    const slow = await rawJoin(code, "Slow");
    slow.pause(); // never reads again: the server's writes to it pile up in the socket, the room must not wait
    const raw = (async () => {
      let vanished = 0;
      for (let n = 0; attacking; n++) {
        const ws = await rawJoin(code, `Raw ${n}`);
        const closed = closeOf(ws);
        if (n % 3 === 0) {
          // A frame over the transport's 64 KiB limit: the socket closes with 1009 "message too big".
          ws.send(new Uint8Array(70 * 1024).fill(13));
          sent++;
          oversized.push(await closed);
          continue;
        }
        void closed.then((c) => c.code === UNREADABLE_CLOSE && garbled.push(c));
        for (let k = 0; k < 200 && ws.readyState === WebSocket.OPEN; k++) {
          const bytes = new Uint8Array(rng.int(1, 64));
          for (let b = 0; b < bytes.length; b++) bytes[b] = rng.int(0, 256);
          if (rng.chance(0.6)) bytes[0] = rng.pick([10, 12, 13, 17, 18, 19, 20, 21]); // a real protocol code, then garbage
          ws.send(bytes);
          sent++;
        }
        if (vanished >= VANISHING) {
          // A vanished connection looks like a lost network, so the room holds its seat for a minute (as for a
          // student whose Wi-Fi dropped); past VANISHING of them, these clients leave on purpose, which holds nothing.
          ws.close(CONSENTED);
        } else if (vanished++ % 2 === 0) {
          // Vanishes mid-frame: a header announcing 16 KiB, eight bytes of it, and the TCP connection is gone.
          const socket = (ws as unknown as { _socket: import("node:net").Socket })._socket;
          socket.write(Buffer.from([0x82, 0xfe, 0x40, 0x00, 1, 2, 3, 4, 5, 6, 7, 8]));
          socket.destroy();
          sent++;
        } else {
          ws.terminate();
        }
        await sleep(200);
      }
    })();

    // The attack lasts ATTACK_MS, and longer if a loaded machine has not yet sent the 100,000 messages it is meant
    // to (the test's own timeout is the only limit).
    await sleep(ATTACK_MS);
    while (sent < 105_000) await sleep(200);
    attacking = false;
    await Promise.all([playing, watching, pacing, flooding, raw].flat());

    // ---- The attack was what it claims to be.
    console.log(
      `fuzz-hostile: ${sent} hostile messages (${hostileResults.length} answered to paced clients, ${floods.length} floods, ${oversized.length} oversized frames, ${garbled.length} raw clients cut off for unreadable frames); legitimate actions ok: ${legit.map((p) => `${p.role} ${p.ok}`).join(", ")}`,
    );
    expect(sent).toBeGreaterThanOrEqual(100_000);

    // ---- The server is up, the room answers and still ticks (the slow socket and the vanished ones stall nothing).
    expect((await fetch(`${ctx.url}/api/levels`)).status).toBe(200);
    const before = host.state.simTime;
    await sleep(1_000);
    expect(host.state.simTime - before).toBeGreaterThan(SPEED * 1_000 * 0.5);
    const first = simTimes[0];
    const last = simTimes.at(-1)!;
    expect(last.simTime - first.simTime).toBeGreaterThan((last.at - first.at) * SPEED * 0.5);
    expect(await host.request("seat")).toMatchObject({ ok: true });
    // Nobody cut off for what they sent holds a seat: the room still has seats for newcomers.
    const latecomer = await joinGame(client(ctx.url), code, "Latecomer");
    await until(() => host.state.players.has(latecomer.sessionId), "the latecomer to be seated");
    await latecomer.leave();

    // ---- Legitimate players kept playing: every action of theirs was accepted, their view of the round stayed valid.
    expect(legit.flatMap((p) => p.refusals)).toEqual([]);
    for (const p of legit) expect(p.ok).toBeGreaterThan(ATTACK_MS / 100 / 8); // one every 100 ms when idle; under attack at least an eighth
    expect(stateProblems).toEqual([]);

    // ---- Abusive clients were cut off with the reason; paced ones were not (they stayed under the limit).
    expect(floods.length).toBeGreaterThanOrEqual(5);
    for (const f of floods) expect(f).toEqual({ code: RATE_LIMITED_CLOSE, reason: rateLimitReason(ROOM_MESSAGE_RATE) });
    expect(oversized.length).toBeGreaterThan(0);
    for (const c of oversized) expect(c.code).toBe(1009); // "message too big": the transport's frame limit
    for (const c of garbled) expect(c.reason).toBe(UNREADABLE_REASON);
    expect(paced.every((room) => room.connection.isOpen)).toBe(true);

    // ---- Nothing outside a hostile client's role succeeded: a spectator (or client) may only pick those seats,
    // ask for their own seat token, and, once a client, read and write.
    const succeeded = hostileResults.filter((r) => r.ok);
    const outOfRole = succeeded.filter(
      (r) => !((r.type === "role" && (r.action === "spectator" || r.action === "client")) || r.type === "seat" || (r.type === "action" && (r.action === "put" || r.action === "get"))),
    );
    expect(outOfRole).toEqual([]);
    expect(hostileResults.filter((r) => !r.ok).every((r) => typeof r.error === "string" && r.error.length > 0 && r.error.length < 600)).toBe(true);

    // ---- The round's journal (what replays it) holds exactly the legitimate chaos and operator acts, no node acts
    // and no host steps; replayed, the round's safety invariants all hold.
    const seat = (await host.request("seat")) as { rejoinToken: string };
    const res = await fetch(`${ctx.url}/api/rooms/${code}/rounds/1/replay.json?token=${seat.rejoinToken}`);
    expect(res.status).toBe(200);
    const file = (await res.json()) as ReplayFile;
    const acts = file.inputs.filter((i) => i.kind === "act") as { role: string }[];
    const count = (role: string) => acts.filter((a) => a.role === role).length;
    expect(count("chaos")).toBe(chaos.ok);
    expect(count("operator")).toBe(operator.ok);
    expect(count("node")).toBe(0);
    expect(count("host")).toBe(0);
    expect(count("client")).toBeGreaterThanOrEqual(reader.ok);
    expect(file.inputs.filter((i) => i.kind === "step")).toEqual([]);
    const level = levelCatalog().get(LEVEL);
    if (!level) throw new Error(`no level ${LEVEL}`);
    const replayed = playReplay(level, file);
    expect(replayed.sim.invariantReport().filter((i) => !i.ok || i.violations > 0)).toEqual([]);

    // What the socket that never reads costs: the patches the server could not hand to the kernel (reported, the
    // room did not wait for them; Colyseus puts no cap on it, see docs/security.md).
    const slowId = [...host.state.players.values()].find((p) => p.name === "Slow")?.sessionId ?? "";
    const [listing] = await matchMaker.query({ name: "game", code });
    const slowSocket = matchMaker.getLocalRoomById(listing.roomId)?.clients.getById(slowId)?.ref as { bufferedAmount?: number } | undefined;
    console.log(`fuzz-hostile: the never-reading socket has ${((slowSocket?.bufferedAmount ?? 0) / 1024).toFixed(0)} KiB queued on the server`);
    slow.terminate();
    await Promise.all([host, ...legit.map((p) => p.room), ...paced].map((room: Room) => room.leave().catch(() => undefined)));
  },
  300_000,
);

it("a frame that cannot be decoded costs its sender the connection, with the reason, and nothing else", async () => {
  const host = await createGame(client(ctx.url), "Host");
  const ws = await rawJoin(host.state.code, "Garbled");
  const closed = closeOf(ws);
  // ROOM_DATA, type "a", then a MessagePack array that announces two elements and holds one.
  ws.send(Buffer.from([13, 0xa1, 0x61, 0x92, 0x01]));
  expect(await closed).toEqual({ code: UNREADABLE_CLOSE, reason: UNREADABLE_REASON });
  expect(await host.request("seat")).toMatchObject({ ok: true });
  await host.leave();
});
