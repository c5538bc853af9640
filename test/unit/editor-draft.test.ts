// The level editor's draft model (client/ui/editor/draft.ts): editing a level as plain JSON by path, checking it
// with the game's own loader so each problem names the field it concerns, starting a level from a shipped one, and
// keeping the draft in browser storage without ever failing because of it.

import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  checkDraft,
  DRAFT_KEY,
  draftFromTemplate,
  getAt,
  isInside,
  type LevelDraft,
  placeProblems,
  readStoredDraft,
  setAt,
  slugId,
  writeStoredDraft,
} from "../../client/ui/editor/draft";
import { defaultAction, predicateFields } from "../../client/ui/editor/schema-fields";

const ROOT = path.resolve(import.meta.dirname, "../..");
const shipped = (id: string): unknown => JSON.parse(readFileSync(path.join(ROOT, "levels", `${id}.json`), "utf8"));

describe("a draft level", () => {
  it("starts as a copy of a shipped level, retitled, with an id of its system", () => {
    const draft = draftFromTemplate(shipped("cassandra/quorum"));
    expect(draft.title).toBe("My r + W > RF");
    expect(draft.id).toBe("cassandra/my-r-w-rf");
    expect(draft.$schema).toBeUndefined();
    // The system's layout and settings come with it.
    expect(getAt(draft, ["cluster", "config", "replication"])).toEqual(getAt(shipped("cassandra/quorum"), ["cluster", "config", "replication"]));
    expect(checkDraft(draft).ok).toBe(true);
  });

  it("refuses a template that is not a level object", () => {
    expect(() => draftFromTemplate([1, 2])).toThrow("the template is not a level object");
    expect(() => draftFromTemplate(null)).toThrow("the template is not a level object");
  });

  it("sets and removes values by path, making the objects and lists on the way", () => {
    const draft: LevelDraft = {};
    setAt(draft, ["roles", "chaos", "plan", 0, "at"], 5000);
    expect(draft).toEqual({ roles: { chaos: { plan: [{ at: 5000 }] } } });
    setAt(draft, ["cluster", "config", "electionMs"], 1200);
    expect(getAt(draft, ["cluster", "config", "electionMs"])).toBe(1200);
    setAt(draft, ["cluster", "config", "electionMs"], undefined);
    expect(getAt(draft, ["cluster", "config"])).toEqual({});
    setAt(draft, ["roles", "chaos", "plan", 0], undefined);
    expect(getAt(draft, ["roles", "chaos", "plan"])).toEqual([]);
    expect(getAt(draft, ["no", "such", "thing"])).toBeUndefined();
  });

  it("reports each problem at the path of the field it concerns, as the loader words it", () => {
    const draft = draftFromTemplate(shipped("etcd/first-steps"));
    setAt(draft, ["timeLimitMs"], 500);
    setAt(draft, ["roles", "chaos", "plan"], [{ at: 4000, action: { type: "crash", node: "n9" } }]);
    const checked = checkDraft(draft);
    expect(checked.ok).toBe(false);
    expect(checked.problems).toContainEqual({ path: "timeLimitMs", message: "expected a number at least 1000, got 500" });

    setAt(draft, ["timeLimitMs"], 45000);
    const again = checkDraft(draft);
    expect(again.problems).toEqual([{ path: "roles.chaos.plan[0].action.node", message: 'no node "n9" in this level; it has n1, n2, n3' }]);
  });

  it("places a problem at the innermost field that contains it, and keeps the rest for the summary", () => {
    const problems = [
      { path: "roles.chaos.plan[1].at", message: "late" },
      { path: "roles.chaos", message: "odd" },
      { path: "briefing", message: "empty" },
      { path: "", message: "whole file" },
    ];
    const placed = placeProblems(problems, ["roles.chaos", "roles.chaos.plan[1]", "roles.chaos.planned"]);
    expect(placed.get("roles.chaos.plan[1]")).toEqual([problems[0]]);
    expect(placed.get("roles.chaos")).toEqual([problems[1]]);
    expect(placed.get("")).toEqual([problems[2], problems[3]]);
    expect(isInside("roles.chaos.planned", "roles.chaos.plan")).toBe(false);
    expect(isInside("objectives[10].id", "objectives[1]")).toBe(false);
    expect(isInside("objectives[1].id", "objectives[1]")).toBe(true);
  });

  it("makes an id from the system and a title", () => {
    expect(slugId("etcd", "Crash and come back!")).toBe("etcd/crash-and-come-back");
    expect(slugId("minio", "Élection rapide")).toBe("minio/election-rapide");
    expect(slugId("kafka", "???")).toBe("kafka/my-level");
  });

  it("offers new steps and goals that are valid as they come", () => {
    const draft = draftFromTemplate(shipped("etcd/leader-election"));
    const plan = getAt(draft, ["roles", "chaos", "plan"]) as unknown[];
    for (const type of ["crash", "restart", "cut", "heal", "latency", "loss"]) plan.push({ at: 1000, action: defaultAction(type, ["n1", "n2", "n3", "n4", "n5"]) });
    expect(checkDraft(draft).problems).toEqual([]);
    expect(defaultAction("crash", ["n1"])).toEqual({ type: "crash", node: "@leader" });
    expect(defaultAction("restart", ["n1"])).toEqual({ type: "restart", node: "@down" });
    expect(predicateFields("no-leader-for").map((f) => f.name)).toEqual(["ms", "after", "afterGoal"]);
  });
});

describe("the draft kept in the browser", () => {
  const memory = () => {
    const items = new Map<string, string>();
    return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items };
  };

  it("comes back as it was kept, with the id the server gave it", () => {
    const storage = memory();
    writeStoredDraft(storage, { draft: { title: "x" }, savedId: "etcd/my-x-abc123" });
    expect(readStoredDraft(storage)).toEqual({ draft: { title: "x" }, savedId: "etcd/my-x-abc123" });
  });

  it("counts as none when missing, unreadable or not a draft, and never throws", () => {
    const storage = memory();
    expect(readStoredDraft(storage)).toBeNull();
    storage.items.set(DRAFT_KEY, "{not json");
    expect(readStoredDraft(storage)).toBeNull();
    storage.items.set(DRAFT_KEY, JSON.stringify({ draft: [1] }));
    expect(readStoredDraft(storage)).toBeNull();
    expect(readStoredDraft(undefined)).toBeNull();
    const refusing = { setItem: () => { throw new Error("quota"); } };
    expect(() => writeStoredDraft(refusing, { draft: {} })).not.toThrow();
  });
});
