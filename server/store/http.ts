// The host's exports over HTTP:
//   GET /api/rooms/:code/results.csv            every round of the room, one row each (exports.ts)
//   GET /api/rooms/:code/rounds/:n/replay.json  round n's replay file (journal.ts)
//   GET /api/classes/:code/results.csv          a class session's students, points and answers (class-exports.ts)
// Only a player who hosted the room (the teacher, for a class) may export it: they present their rejoin token as
// `?token=` (so a plain download link works) or `Authorization: Bearer <token>`. Nothing here touches the file system: the code and
// the round number are looked up in the database, so no path can be smuggled in.

import type express from "express";
import { normalizeJoinCode } from "../../shared/protocol/join-code";
import { classResultsCsv } from "./class-exports";
import type { ClassSession } from "./classes";
import { replayFile, resultsCsv } from "./exports";
import { hashToken } from "./rejoin";
import type { StoredRoom } from "./rooms";
import type { Store } from "./store";

export function mountExports(app: express.Application, store: Store): void {
  app.get("/api/rooms/:code/results.csv", (req, res) => {
    const room = hostedRoom(req, res, store);
    if (!room) return;
    download(res, `split-brain-${room.code}-results.csv`, "text/csv; charset=utf-8", resultsCsv(store, room));
  });
  app.get("/api/rooms/:code/rounds/:n/replay.json", (req, res) => {
    const room = hostedRoom(req, res, store);
    if (!room) return;
    const n = /^[1-9]\d{0,8}$/.test(req.params.n) ? Number(req.params.n) : undefined;
    const file = n === undefined ? undefined : replayFile(store, room, n);
    if (!file) return refuse(res, 404, `Game ${room.code} has no round ${String(req.params.n).slice(0, 12)}.`);
    download(res, `split-brain-${room.code}-round-${n}.json`, "application/json; charset=utf-8", `${JSON.stringify(file, null, 2)}\n`);
  });
  app.get("/api/classes/:code/results.csv", (req, res) => {
    const session = taughtClass(req, res, store);
    if (!session) return;
    download(res, `split-brain-class-${session.code}-results.csv`, "text/csv; charset=utf-8", classResultsCsv(store, session));
  });
}

/** The class named by the URL (its latest session), if the request proves its sender is its teacher; else answers. */
function taughtClass(req: express.Request, res: express.Response, store: Store): ClassSession | undefined {
  return provenOwner(req, res, {
    find: (code) => store.classes.byCode(code),
    owns: (session, tokenHash) => store.classes.hostedBy(session.id, tokenHash),
    missing: (code) => `No class has the code ${code}.`,
    noToken: "A class's results are for its teacher: add your rejoin token (?token=...).",
    wrongToken: (code) => `That token is not the teacher's of class ${code}.`,
  });
}

/** The room named by the URL, if it exists and the request proves its sender hosted it; otherwise answers. */
function hostedRoom(req: express.Request, res: express.Response, store: Store): StoredRoom | undefined {
  return provenOwner(req, res, {
    find: (code) => store.rooms.byCode(code),
    owns: (room, tokenHash) => store.seats.hostedBy(room.id, tokenHash),
    missing: (code) => `No game has the code ${code}.`,
    noToken: "Exports are for the game's host: add your rejoin token (?token=...).",
    wrongToken: (code) => `That token is not the host's of game ${code}.`,
  });
}

/**
 * What the URL's join code names, if the request's rejoin token proves its sender owns it (only the token's hash is
 * compared); otherwise answers 404 (no such code), 401 (no token) or 403 (someone else's token) and returns nothing.
 */
function provenOwner<T>(
  req: express.Request,
  res: express.Response,
  how: { find(code: string): T | undefined; owns(found: T, tokenHash: string): boolean; missing(code: string): string; noToken: string; wrongToken(code: string): string },
): T | undefined {
  const code = normalizeJoinCode(String(req.params.code));
  const found = code.ok ? how.find(code.code) : undefined;
  if (!code.ok || found === undefined) {
    refuse(res, 404, code.ok ? how.missing(code.code) : code.error);
    return undefined;
  }
  const token = tokenOf(req);
  if (token === undefined) {
    refuse(res, 401, how.noToken);
    return undefined;
  }
  if (!how.owns(found, hashToken(token))) {
    refuse(res, 403, how.wrongToken(code.code));
    return undefined;
  }
  return found;
}

function tokenOf(req: express.Request): string | undefined {
  const auth = req.get("authorization");
  if (auth?.startsWith("Bearer ")) return auth.slice(7).trim() || undefined;
  const q = req.query.token;
  return typeof q === "string" && q !== "" ? q : undefined;
}

function refuse(res: express.Response, status: number, message: string): void {
  res.status(status).set("Cache-Control", "no-store").type("text/plain; charset=utf-8").send(message);
}

function download(res: express.Response, filename: string, type: string, body: string): void {
  res
    .status(200)
    .set({
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    })
    .send(body);
}
