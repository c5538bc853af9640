// Results that last: a server stopped mid-round (nothing more is written once it stops, as with a kill) and
// started again on the same database brings the game back where it was saved, paused, with every acknowledged input;
// players rejoining with the code and their names get their seats back, the host by their rejoin token; and the
// host exports the results (CSV) and a replay (JSON) that reproduces the round.

import { readFileSync } from "node:fs";
import { Client } from "@colyseus/sdk";
import { afterAll, describe, expect, it } from "vitest";
import { restartableServer } from "./restartable-server";
import { playReplay, type ReplayFile } from "../../server/store/journal";
import type { GameState } from "../../server/rooms/schema/GameState";
import { parseLevelText } from "../../shared/levels/load";
import type { ResultMessage, SeatReply } from "../../shared/protocol/messages";
import { type GameRoomClient, LEVEL, sleep } from "./helpers";

const { url, start, stop } = restartableServer(2681, "persistence");

afterAll(stop);

/** Waits as long as it takes (the test runner's own timeout is the only limit). */
async function eventually(check: () => boolean): Promise<void> {
  while (!check()) await sleep(20);
}

async function join(name: string, options: Record<string, unknown>): Promise<GameRoomClient> {
  const room = await new Client(url).join<GameState>("game", { name, ...options });
  await eventually(() => room.state?.players?.has(room.sessionId) === true);
  return room;
}

async function ask(room: GameRoomClient, type: string, payload: unknown): Promise<ResultMessage> {
  return (await room.request(type, payload)) as ResultMessage;
}

async function ok(room: GameRoomClient, type: string, payload: unknown): Promise<void> {
  const result = await ask(room, type, payload);
  if (!result.ok) throw new Error(`${type} refused: ${result.error}`);
}

function me(room: GameRoomClient) {
  return room.state.players.get(room.sessionId);
}

/** What a player sees of the cluster: enough to tell two rounds apart. */
function cluster(room: GameRoomClient) {
  const nodes = [...room.state.nodes.values()].map((n) => ({ id: n.id, up: n.up, role: n.role, term: n.term, commitIndex: n.commitIndex, logLength: n.logLength, log: n.log }));
  const s = room.state;
  return { simTime: s.simTime, phase: s.phase, paused: s.paused, speed: s.speed, leader: s.leader, term: s.term, chaosBudget: s.chaosBudget, nodes };
}

function get(pathname: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}${pathname}`, { headers });
}

describe("persistence across a server restart", () => {
  it("brings the game back with its seats and inputs, and exports results and a replay that reproduces it", async () => {
    await start();
    const host = await new Client(url).create<GameState>("game", { level: LEVEL, name: "Teacher", seed: 4242 });
    await eventually(() => host.state?.code?.length === 5);
    const code = host.state.code;
    const hostSeat = (await host.request("seat")) as SeatReply;
    expect(hostSeat).toMatchObject({ type: "seat", ok: true, name: "Teacher" });
    expect(hostSeat.rejoinToken.length).toBeGreaterThanOrEqual(16);

    const chaos = await join("Chaos", { code });
    const nodey = await join("Nodey", { code });
    const writer = await join("Writer", { code });
    writer.onMessage("client-result", () => undefined); // the write's completion: not what this test is about
    await ok(chaos, "role", { role: "chaos" });
    await ok(nodey, "role", { role: "node", node: "n2" });
    await ok(writer, "role", { role: "client" });
    await ok(host, "control", { op: "speed", speed: 4 });
    await ok(host, "control", { op: "start" });
    await eventually(() => host.state.simTime > 2000);

    // Acknowledged inputs: each answered ok.
    await ok(chaos, "action", { action: { type: "crash", node: "n1" } });
    await ok(writer, "action", { action: { type: "put", key: "k1", value: "kept" } });
    await ok(chaos, "action", { action: { type: "cut", from: "n3", to: "n4" } });
    await ok(host, "control", { op: "pause" });
    await ok(host, "control", { op: "step" });
    await eventually(() => host.state.paused);
    await sleep(200); // a patch or two more: the host's view settles on the paused round
    const before = cluster(host);
    const seatsBefore = Object.fromEntries([...host.state.players.values()].map((p) => [p.name, { role: p.role, node: p.node, host: p.host }]));
    expect(before.nodes.find((n) => n.id === "n1")?.up).toBe(false);

    // The server goes down with the game in progress. Nobody leaves on purpose; the clients just lose it.
    for (const room of [host, chaos, nodey, writer]) room.reconnection.enabled = false;
    await stop();

    await start();
    // Someone typing the teacher's name without the token does not get the host's seat.
    const impostor = await join("Teacher", { code });
    expect(me(impostor)).toMatchObject({ name: "Teacher 2", host: false, role: "spectator" });
    const host2 = await join("Teacher", { code, rejoinToken: hostSeat.rejoinToken });
    const chaos2 = await join("Chaos", { code });
    const nodey2 = await join("Nodey", { code });
    const writer2 = await join("Writer", { code });
    expect(me(host2)).toMatchObject({ name: "Teacher", host: true, role: "host", connected: true });
    expect(me(chaos2)).toMatchObject({ name: "Chaos", role: "chaos", connected: true });
    expect(me(nodey2)).toMatchObject({ name: "Nodey", role: "node", node: "n2" });
    expect(me(writer2)).toMatchObject({ name: "Writer", role: "client" });
    await eventually(() => nodey2.state.inbox?.has("n2") === true); // the node player's private view came back too
    const seatsAfter = Object.fromEntries(
      [...host2.state.players.values()].filter((p) => p.name !== "Teacher 2").map((p) => [p.name, { role: p.role, node: p.node, host: p.host }]),
    );
    expect(seatsAfter).toEqual(seatsBefore);
    expect(cluster(host2)).toEqual(before); // same time, same nodes, same leader: the same round, paused
    expect([...host2.state.feed].map((f) => f.text).join("\n")).toContain("The server restarted and the game is back where it was saved, paused");

    // Every acknowledged input is in the stored journal.
    const token = encodeURIComponent(hostSeat.rejoinToken);
    const saved = (await (await get(`/api/rooms/${code}/rounds/1/replay.json?token=${token}`)).json()) as ReplayFile;
    const acts = saved.inputs.filter((e) => e.kind === "act").map((e) => (e.kind === "act" ? e.action : undefined));
    expect(acts).toEqual([
      { type: "crash", node: "n1" },
      { type: "put", key: "k1", value: "kept" },
      { type: "cut", from: "n3", to: "n4" },
    ]);
    expect(saved.inputs.some((e) => e.kind === "step")).toBe(true);

    // The host resumes; the round plays on to its end.
    await ok(host2, "control", { op: "speed", speed: 100 });
    await ok(host2, "control", { op: "resume" });
    await eventually(() => host2.state.phase === "won" || host2.state.phase === "lost");
    const outcome = host2.state.phase;

    // Exports: only for the host, only for games that exist.
    const csv = await get(`/api/rooms/${code}/results.csv`, { Authorization: `Bearer ${hostSeat.rejoinToken}` });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="split-brain-${code}-results.csv"`);
    const rows = (await csv.text()).trimEnd().split("\r\n");
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain(`${code},1,${LEVEL},4242,`);
    expect(rows[1]).toContain(`,${outcome},`);
    const traceHash = rows[1].split(",").at(-1) ?? "";
    expect(traceHash).toMatch(/^[0-9a-f]{64}$/);

    const replay = await get(`/api/rooms/${code}/rounds/1/replay.json?token=${token}`);
    expect(replay.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const file = (await replay.json()) as ReplayFile;
    expect(file).toMatchObject({ level: LEVEL, seed: 4242, round: 1, outcome, traceHash });
    const levelFile = `levels/${LEVEL}.json`;
    const replayed = playReplay(parseLevelText(readFileSync(levelFile, "utf8"), levelFile), file);
    expect(replayed.outcome).toBe(outcome);
    expect(replayed.sim.traceHash()).toBe(traceHash);

    const chaosSeat = (await chaos2.request("seat")) as SeatReply;
    expect((await get(`/api/rooms/${code}/results.csv`)).status).toBe(401);
    expect((await get(`/api/rooms/${code}/results.csv?token=${encodeURIComponent(chaosSeat.rejoinToken)}`)).status).toBe(403);
    expect((await get(`/api/rooms/${code}/rounds/9/replay.json?token=${token}`)).status).toBe(404);
    expect((await get(`/api/rooms/${code}/rounds/..%2F..%2Fetc/replay.json?token=${token}`)).status).toBe(404);
    expect((await get(`/api/rooms/ZZZZZ/results.csv?token=${token}`)).status).toBe(404);
    const traversal = await get(`/api/rooms/..%2F..%2Fpackage.json/results.csv?token=${token}`);
    expect(traversal.status).toBe(404);
    expect(await traversal.text()).not.toContain("split-brain"); // an answer in words, never a file

    await Promise.all([host2, chaos2, nodey2, writer2, impostor].map((r) => r.leave()));
  });
});
