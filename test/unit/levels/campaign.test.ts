// The shipped campaign (levels/campaign.json): every level in it once, at least sixteen, all seven systems and the
// four core concepts covered, starting from a tutorial; and the checks that keep an author's campaign edit honest.

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Campaign, CORE_CONCEPTS, campaignPlaces, campaignProblems } from "../../../shared/levels/campaign";
import { parseLevelText } from "../../../shared/levels/load";
import { systemNames } from "../../../shared/systems/registry";

function shippedIds(): string[] {
  return readdirSync("levels", { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(path.join("levels", d.name)).filter((f) => f.endsWith(".json")).map((f) => `${d.name}/${f.slice(0, -5)}`))
    .sort();
}

const campaign = Campaign.parse(JSON.parse(readFileSync("levels/campaign.json", "utf8")));
const places = campaignPlaces(campaign);

describe("the shipped campaign", () => {
  it("lists every shipped level exactly once, and nothing else", () => {
    expect(campaignProblems(campaign, shippedIds())).toEqual([]);
  });

  it("has at least sixteen levels across all seven systems and the four core concepts", () => {
    expect(places.size).toBeGreaterThanOrEqual(16);
    expect(new Set([...places.keys()].map((id) => id.split("/")[0]))).toEqual(new Set(systemNames));
    const taught = new Set([...places.values()].flatMap((p) => p.teaches));
    for (const concept of CORE_CONCEPTS) expect(taught).toContain(concept);
  });

  it("starts with a tutorial of difficulty 1, and no chapter opens harder than the one before it ends", () => {
    const first = [...places.keys()][0];
    const level = parseLevelText(readFileSync(`levels/${first}.json`, "utf8"), first);
    expect(level.difficulty).toBe(1);
    expect(level.concept).toMatch(/^Tutorial/);
    const difficulty = (id: string) => (JSON.parse(readFileSync(`levels/${id}.json`, "utf8")) as { difficulty: number }).difficulty;
    const opens = campaign.chapters.map((c) => Math.min(...c.levels.map((l) => difficulty(l.id))));
    expect(opens).toEqual([...opens].sort((a, b) => a - b));
  });

  it("numbers levels from 1 in chapter order", () => {
    expect([...places.values()].map((p) => p.number)).toEqual([...places.keys()].map((_, i) => i + 1));
    expect(places.get("etcd/first-steps")).toMatchObject({ number: 1, chapter: "First steps" });
  });
});

describe("campaign checks", () => {
  const one = (ids: string[]): Campaign => ({ chapters: [{ title: "One", levels: ids.map((id) => ({ id, teaches: ["quorum"] })) }] });

  it("name a level listed twice, one that does not exist, and one left out", () => {
    expect(campaignProblems(one(["etcd/a", "etcd/a", "etcd/ghost"]), ["etcd/a", "etcd/b"])).toEqual([
      "etcd/a is listed twice",
      "etcd/ghost is not a level (no levels/etcd/ghost.json)",
      "etcd/b is in no chapter: add it where it belongs",
    ]);
  });

  it("refuse a concept outside the vocabulary", () => {
    const bad = { chapters: [{ title: "One", levels: [{ id: "etcd/a", teaches: ["vibes"] }] }] };
    expect(Campaign.safeParse(bad).success).toBe(false);
  });
});
