// Authored levels over HTTP (docs/protocol.md, "Authored levels"):
//   POST /api/levels           saves one level (the JSON of a level file); answers its id, share link and proof
//   GET  /api/levels/<id>      one level's JSON, authored or shipped (the editor opens share links with it)
//   GET  /api/levels           (server/app.ts) lists them: the shipped ones, then the newest authored ones
// An upload is untrusted: it is read as data only (JSON, then the level schema and its semantic checks, then the
// upload bounds), never run, and a refused one changes nothing. The server gives it its id (authored-id.ts).

import express from "express";
import { LevelError, type LevelProblem } from "../../shared/levels/errors";
import { parseLevel, parseLevelText } from "../../shared/levels/load";
import type { Level } from "../../shared/levels/schema";
import { setAuthoredLevels, shippedLevels } from "../levels-catalog";
import type { Store } from "../store";
import { authoredId } from "./authored-id";
import type { LevelProof } from "./level-proof";
import { PROOF_BUDGET_MS, proveOffThread } from "./proof-runner";
import { boundsProblems, UPLOAD_BOUNDS } from "./upload-bounds";
import { UploadLimiter } from "./upload-limit";

/** What POST /api/levels answers. */
export type UploadAnswer =
  | { ok: true; id: string; shareUrl: string; proof: LevelProof; notes: string[] }
  | { ok: false; error: string; issues: LevelProblem[] };

type Refusal = Extract<UploadAnswer, { ok: false }>;

const ID = /^[a-z0-9-]+\/[a-z0-9-]+$/;

export interface LevelsApiOptions {
  limiter?: UploadLimiter;
  /** The proof's time budget once its thread has loaded (proof-runner.ts); default PROOF_BUDGET_MS. */
  proofBudgetMs?: number;
}

/** Mounts the routes and makes the store's authored levels part of the level catalogue (rooms, the list). */
export function mountLevelsApi(app: express.Application, store: Store, { limiter = new UploadLimiter(), proofBudgetMs = PROOF_BUDGET_MS }: LevelsApiOptions = {}): void {
  setAuthoredLevels(store.levels);
  const body = express.text({ type: () => true, limit: UPLOAD_BOUNDS.maxBodyBytes, inflate: false });
  app.post("/api/levels", (req, res, next) => {
    const wait = limiter.take(req.ip ?? req.socket.remoteAddress ?? "unknown");
    if (wait === undefined) return next();
    res.set("Retry-After", String(wait));
    refuse(res, 429, `Too many uploads from your address: at most ${limiter.describe()}. Try again in ${wait} s.`);
  }, body, async (req, res) => {
    if (store.levels.count() >= UPLOAD_BOUNDS.maxSavedLevels) {
      return refuse(res, 507, `This server already keeps ${UPLOAD_BOUNDS.maxSavedLevels} saved levels, the most it holds: ask whoever runs it to make room.`);
    }
    const answer = await upload(typeof req.body === "string" ? req.body : "", store, proofBudgetMs);
    res.status(answer.ok ? 201 : 400).set("Cache-Control", "no-store").json(answer);
  });
  app.get("/api/levels/:system/:slug", (req, res) => {
    const id = `${req.params.system}/${req.params.slug}`;
    const shipped = ID.test(id) ? shippedLevels().get(id) : undefined;
    const authored = shipped || !ID.test(id) ? undefined : store.levels.json(id);
    if (shipped) return void res.set("Cache-Control", "no-cache").json(shipped);
    if (authored !== undefined) return void res.set("Cache-Control", "no-cache").type("application/json").send(authored);
    refuse(res, 404, `No level has the id ${JSON.stringify(id.slice(0, 100))}. Check the link, or pick a level from the list.`);
  });
  app.all("/api/levels/:system/:slug", (_req, res) => {
    res.set("Allow", "GET, HEAD");
    refuse(res, 405, "Levels cannot be changed, replaced or deleted here, shipped or saved: POST /api/levels saves yours as a new level with an id of its own.");
  });
  // The body reader's refusals (too large, an encoding or charset it does not read) in the same words as the rest.
  // Express 5 also brings here whatever a handler's promise rejected with (the database failing, a proof thread
  // that could not start): that is the server's fault, not the upload's, and its details stay in the server's log.
  app.use("/api/levels", (error: { status?: number; type?: string; message?: string }, req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    if (typeof error?.type !== "string") {
      console.error(`${req.method} ${req.path} failed:`, error);
      return refuse(res, 500, "The server failed while handling this level, through no fault of the level. Try again later; if it keeps failing, tell whoever runs the server.");
    }
    if (error.type === "entity.too.large") {
      return refuse(res, 413, `The level is larger than ${UPLOAD_BOUNDS.maxBodyBytes / 1024} KiB, the most this server accepts: shorten its texts or its lists of steps.`);
    }
    const status = typeof error.status === "number" && error.status >= 400 && error.status < 500 ? error.status : 400;
    refuse(res, status, `The upload could not be read: ${error.message ?? "unreadable body"}. Send the level as plain UTF-8 JSON.`);
  });
}

/** Validates, saves and proves one upload. Nothing is written unless the level is valid and within the bounds. */
export async function upload(text: string, store: Store, proofBudgetMs = PROOF_BUDGET_MS): Promise<UploadAnswer> {
  if (text.trim() === "") return invalid([{ path: "", message: "the request has no body: send one level as JSON" }]);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The loader words a syntax error best (line and column); it refuses the text, since JSON.parse did.
    const refused = checked(() => parseLevelText(text, "upload"));
    return "ok" in refused ? refused : invalid([{ path: "", message: "not valid JSON" }]);
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    return invalid([{ path: "", message: "expected one level: a JSON object such as a file in levels/<system>/" }]);
  }
  const taken = (id: string) => shippedLevels().get(id) !== undefined || store.levels.json(id) !== undefined;
  const id = authoredId(json, taken);
  const parsed = checked(() => parseLevel({ ...json, id }, "upload"));
  if ("ok" in parsed) return parsed;
  const level = parsed;
  const over = boundsProblems(level);
  if (over.length > 0) return invalid(over, "is over this server's limits for uploaded levels");
  if (!store.levels.add(level)) return invalid([{ path: "id", message: "the id the server chose was taken at the same moment: upload again" }]);

  const notes: string[] = [];
  const written = (json as { id?: unknown }).id;
  if (written !== undefined && written !== id) {
    notes.push(`The server gave the level the id ${id} (it ignores the id in an upload${typeof written === "string" ? `, here ${JSON.stringify(written.slice(0, 100))}` : ""}), so no upload replaces another level.`);
  }
  const proof = await proveOffThread(level, proofBudgetMs);
  return { ok: true, id, shareUrl: `/?level=${id}`, proof, notes };
}

/** The level `parse` returns, or the answer that lists what was wrong with it. */
function checked(parse: () => Level): Level | Refusal {
  try {
    return parse();
  } catch (error) {
    if (error instanceof LevelError) return invalid(error.problems);
    throw error;
  }
}

function invalid(issues: readonly LevelProblem[], what = "is not a valid level"): Refusal {
  const first = issues[0];
  const where = first ? `${first.path ? `${first.path}: ` : ""}${first.message}` : "no details";
  const error = issues.length <= 1 ? `The upload ${what}: ${where}.` : `The upload ${what}, with ${issues.length} problems; the first is ${where}.`;
  return { ok: false, error, issues: [...issues] };
}

function refuse(res: express.Response, status: number, error: string): void {
  res.status(status).set("Cache-Control", "no-store").json({ ok: false, error, issues: [] });
}
