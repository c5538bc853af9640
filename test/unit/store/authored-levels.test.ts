// Authored levels in the store and in the level catalogue: saved once under the server's id, listed after the
// shipped levels newest first (at most 50), and every one still reachable by its id (a share link).

import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { AUTHORED_LISTED, levelCatalog, setAuthoredLevels, shippedLevels } from "../../../server/levels-catalog";
import { openStore } from "../../../server/store/store";
import { parseLevel } from "../../../shared/levels/load";

const firstSteps = JSON.parse(readFileSync("levels/etcd/first-steps.json", "utf8")) as Record<string, unknown>;
const level = (n: number) => parseLevel({ ...firstSteps, id: `etcd/my-steps-${String(n).padStart(6, "0")}`, title: `Steps ${n}` }, "test");

afterEach(() => setAuthoredLevels(undefined));

describe("authored levels", () => {
  it("are saved once: an id is never overwritten", () => {
    const store = openStore(":memory:");
    expect(store.levels.add(level(1))).toBe(true);
    expect(store.levels.add({ ...level(1), title: "Replaced" })).toBe(false);
    expect(store.levels.get("etcd/my-steps-000001")?.title).toBe("Steps 1");
    expect(JSON.parse(store.levels.json("etcd/my-steps-000001") ?? "")).toEqual(level(1));
    expect(store.levels.count()).toBe(1);
    store.close();
    expect(store.levels.json("etcd/my-steps-000001")).toBeUndefined();
    expect(store.levels.newest(10)).toEqual([]);
  });

  it("are listed after the shipped levels, newest first, at most 50, and all open by id", () => {
    const store = openStore(":memory:");
    const count = AUTHORED_LISTED + 2;
    for (let n = 1; n <= count; n++) store.levels.add(level(n));
    setAuthoredLevels(store.levels);
    const shipped = shippedLevels().list();
    const listed = levelCatalog().list();
    expect(listed.slice(0, shipped.length)).toEqual(shipped);
    expect(shipped.some((l) => l.authored)).toBe(false);
    const authored = listed.slice(shipped.length);
    expect(authored).toHaveLength(AUTHORED_LISTED);
    expect(authored[0]).toEqual({ id: `etcd/my-steps-0000${count}`, title: `Steps ${count}`, system: "etcd", concept: firstSteps.concept, difficulty: 1, authored: true });
    expect(authored.at(-1)?.id).toBe("etcd/my-steps-000003");
    // Past the list, still there for its link and for rooms.
    expect(levelCatalog().get("etcd/my-steps-000001")?.title).toBe("Steps 1");
    expect(levelCatalog().get("etcd/first-steps")?.title).toBe(firstSteps.title);
    store.close();
  });
});
