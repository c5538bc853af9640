// Levels written by authors, saved on the server: a good upload gets an id of the server's, a share link and a
// proof, appears in the level list, opens by its link, is played in a game room by real SDK clients, and survives a
// restart. Bad uploads of every kind get a readable error naming what was wrong and change nothing; uploads are
// rate-limited per address. Uploads go over real HTTP, each test from its own loopback address (127.0.0.x), since
// the rate limit counts per address.

import { request } from "node:http";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RunningServer, startServer } from "../../server/app";
import { mountLevelsApi } from "../../server/http/levels-api";
import { openStore } from "../../server/store";
import type { LevelSummary } from "../../shared/protocol/level-summary";
import { createClass, teach } from "./class-helpers";
import { client, control, createGame, joinGame, send, takeRole, until } from "./helpers";

const PORT = 2745;
const url = `http://127.0.0.1:${PORT}`;
const dir = mkdtempSync(path.join(tmpdir(), "split-brain-level-upload-"));
const database = path.join(dir, "split-brain.db");
const staticDir = path.join(dir, "client");
let server: RunningServer | undefined;

/** The shipped tutorial level, as an author would start from it: downloaded, renamed. */
const firstSteps = JSON.parse(readFileSync("levels/etcd/first-steps.json", "utf8")) as Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: edits reach into the level's JSON freely, often to make it wrong.
function authored(edit: (level: any) => void = () => {}): Record<string, any> {
  const level = structuredClone(firstSteps);
  level.title = "My first steps";
  edit(level);
  return level;
}

async function start(): Promise<void> {
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(path.join(staticDir, "index.html"), "<!doctype html><title>Split Brain</title>");
  // A generous proof budget: these tests need the proof's verdict, which a loaded machine must not turn into "null".
  server = await startServer({ port: PORT, host: "127.0.0.1", staticDir, database, proofBudgetMs: 120_000 });
}

/** Above the proof thread's boot guard (60 s) plus the budget above. */
const PATIENT = { timeout: 200_000 };

beforeAll(start);
afterAll(async () => {
  await server?.close();
});

let lastAddress = 1;
/** A loopback address no other test has uploaded from. */
function freshAddress(): string {
  lastAddress++;
  return `127.0.0.${lastAddress}`;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // biome-ignore lint/suspicious/noExplicitAny: the test reads whatever the server answered.
  body: any;
}

/** An HTTP request from a chosen source address (fetch cannot choose one); the body is sent as given. */
function http(method: string, pathname: string, body: string, from: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port: PORT, path: pathname, method, localAddress: from, headers: { "content-type": "application/json" } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text === "" ? null : JSON.parse(text) }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function upload(level: unknown, from: string): Promise<Answer> {
  return http("POST", "/api/levels", typeof level === "string" ? level : JSON.stringify(level), from);
}

async function list(): Promise<LevelSummary[]> {
  const res = await fetch(`${url}/api/levels`);
  expect(res.status).toBe(200);
  return (await res.json()) as LevelSummary[];
}

/** One level's JSON by its id, with real fetch (as the editor does). */
async function getLevel(id: string): Promise<Pick<Answer, "status" | "body">> {
  const res = await fetch(`${url}/api/levels/${id}`);
  return { status: res.status, body: await res.json() };
}

describe("authored levels", () => {
  let savedId = "";

  it("saves a good upload under an id of the server's, proves it, lists it, and a game room plays it", PATIENT, async () => {
    const before = await list();
    const answer = await upload(authored(), freshAddress());
    expect(answer.status).toBe(201);
    const { id, shareUrl, proof, notes } = answer.body;
    expect(answer.body.ok).toBe(true);
    expect(id).toMatch(/^etcd\/my-first-steps-[a-z0-9]{6}$/);
    expect(shareUrl).toBe(`/?level=${id}`);
    expect(proof).toMatchObject({ solutionWins: true, naiveLoses: true, problems: [] });
    expect(proof.seeds).toHaveLength(3);
    // The upload said "etcd/first-steps": the shipped level is not replaced, and the answer says why.
    expect(notes.join(" ")).toContain('"etcd/first-steps"');
    savedId = id;

    const after = await list();
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.at(-1)).toEqual({ id, title: "My first steps", system: "etcd", concept: firstSteps.concept, difficulty: 1, authored: true });
    expect((await getLevel(id)).body).toMatchObject({ id, title: "My first steps", format: 1, solution: firstSteps.solution });
    expect((await getLevel("etcd/first-steps")).body).toMatchObject({ id: "etcd/first-steps", title: firstSteps.title });

    const host = await createGame(client(url), "Author", { level: id });
    expect(host.state.levelId).toBe(id);
    expect(host.state.levelTitle).toBe("My first steps");
    const chaos = await joinGame(client(url), host.state.code, "Chaos");
    expect(await takeRole(chaos, "chaos")).toMatchObject({ ok: true });
    await control(host, "start");
    expect(await send(chaos, "action", { action: { type: "crash", node: "n1" } })).toMatchObject({ ok: true, action: "crash" });
    await until(() => host.state.nodes.get("n1")?.up === false, "n1 to be down for everyone");
    await Promise.all([host.leave(), chaos.leave()]);
  });

  it("keeps saved levels across a server restart", async () => {
    expect(savedId).not.toBe("");
    await server?.close();
    await start();
    expect((await list()).filter((l) => l.authored).map((l) => l.id)).toContain(savedId);
    expect((await getLevel(savedId)).body).toMatchObject({ id: savedId, title: "My first steps" });
    const host = await createGame(client(url), "Author", { level: savedId });
    expect(host.state.levelTitle).toBe("My first steps");
    await host.leave();
  });

  it("lets a class's teacher switch to a saved level like a shipped one", async () => {
    const teacher = await createClass(client(url));
    expect(await teach(teacher, "level", { level: savedId })).toMatchObject({ ok: true, action: "level" });
    await until(() => teacher.state.levelId === savedId, "the class to be on the saved level");
    await teacher.leave();
  });

  it("saves a level whose naive play wins, and says on which seed and why", PATIENT, async () => {
    const answer = await upload(authored((l) => (l.naive = l.solution)), freshAddress());
    expect(answer.status).toBe(201);
    expect(answer.body.proof).toMatchObject({ solutionWins: true, naiveLoses: false });
    expect(answer.body.proof.problems[0]).toMatch(/^the naive play won on seed 1: \S/);
    expect((await getLevel(answer.body.id)).status).toBe(200);
    // Newest first, after the shipped levels.
    expect((await list()).filter((l) => l.authored).map((l) => l.id)).toEqual([answer.body.id, savedId]);
  });

  it("refuses bad uploads of every kind with a readable error, and changes nothing", async () => {
    const before = await list();
    const from = freshAddress();
    const refused = async (level: unknown, status: number, issuePath: string | null, words: RegExp) => {
      const answer = await upload(level, from);
      expect(answer.status, JSON.stringify(answer.body)).toBe(status);
      expect(answer.body.ok).toBe(false);
      expect(answer.body.error).toMatch(words);
      if (issuePath !== null) expect(answer.body.issues.map((i: { path: string }) => i.path)).toContain(issuePath);
      return answer.body;
    };

    const notJson = await refused('{ "title": "x", }', 400, "", /not valid JSON/);
    expect(notJson.issues[0].message).toMatch(/line 1, column/);
    await refused("", 400, "", /no body/);
    await refused("[1, 2]", 400, "", /expected one level/);
    await refused(authored((l) => (l.cluster.nodes = "three")), 400, "cluster.nodes", /cluster\.nodes: expected/);
    await refused(authored((l) => (l.briefing = "x".repeat(70 * 1024))), 413, null, /larger than 64 KiB/);
    await refused(authored((l) => (l.cluster.nodes = 33)), 400, "cluster.nodes", /limits.*at most 32 nodes/);
    await refused(authored((l) => (l.timeLimitMs = 31 * 60 * 1000)), 400, "timeLimitMs", /30 minutes/);
    const step = (firstSteps.solution as unknown[])[0];
    await refused(authored((l) => (l.solution = Array.from({ length: 201 }, () => step))), 400, "solution", /at most 200 steps/);
    await refused(authored((l) => (l.format = 2)), 400, "format", /format 2, newer than this game reads/);

    // Shipped levels (and saved ones) are never replaced or deleted through their address.
    for (const method of ["PUT", "POST", "DELETE"]) {
      const answer = await http(method, "/api/levels/etcd/first-steps", JSON.stringify(authored()), from);
      expect(answer.status).toBe(405);
      expect(answer.body.error).toMatch(/cannot be changed, replaced or deleted/);
    }
    expect((await getLevel("etcd/first-steps")).body).toMatchObject({ id: "etcd/first-steps", title: firstSteps.title });

    const unknown = await getLevel("etcd/my-nothing-zzzzzz");
    expect(unknown).toEqual({ status: 404, body: { ok: false, error: expect.stringMatching(/No level has the id "etcd\/my-nothing-zzzzzz"/), issues: [] } });
    expect(await list()).toEqual(before);
  });

  it("answers 429 to an address that uploads too often, and only to it", async () => {
    const busy = freshAddress();
    for (let i = 0; i < 10; i++) expect((await upload("not json", busy)).status).toBe(400);
    const refused = await upload(authored(), busy);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatch(/Too many uploads from your address: at most 10 a minute\. Try again in \d+ s\./);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect((await upload("not json", freshAddress())).status).toBe(400);
  });

  it("answers a failure of the server's own (here its database, closed) with 500 and a generic sentence, not the error", async () => {
    // A store whose database has gone away: saving throws a real SQLite error, which the author has no use for.
    const broken = openStore(path.join(dir, "broken.db"));
    broken.close();
    const app = express();
    mountLevelsApi(app, broken);
    const other = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => other.once("listening", resolve));
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const res = await fetch(`http://127.0.0.1:${(other.address() as AddressInfo).port}/api/levels`, { method: "POST", body: JSON.stringify(authored()) });
      const body = (await res.json()) as { ok: boolean; error: string };
      expect(res.status).toBe(500);
      expect(body).toEqual({ ok: false, error: expect.stringMatching(/^The server failed while handling this level, through no fault of the level\./), issues: [] });
      expect(body.error).not.toMatch(/database|sqlite|could not be read/i);
      expect(logged).toHaveBeenCalled(); // the detail goes to the server's log
    } finally {
      logged.mockRestore();
      await new Promise((resolve) => other.close(resolve));
      // mountLevelsApi made the broken store the catalogue's: a restart gives it back the real one.
      await server?.close();
      await start();
    }
  });
});
