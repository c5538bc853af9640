// The campaign: the shipped levels in the order a class should play them, in chapters, each tagged with the
// concepts it teaches. It lives in levels/campaign.json, beside the levels, so an author who adds a level also
// places it; the level picker and the host console list levels in this order.

import { z } from "zod";

/** The four concepts the campaign must cover, and the others a level may also teach. */
export const CORE_CONCEPTS = ["quorum", "leader-election", "rebalancing", "erasure-recovery"] as const;
export const Concept = z.enum([...CORE_CONCEPTS, "failure-detection", "transactions", "replication"]);
export type Concept = z.infer<typeof Concept>;

const levelId = z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, "a level id such as etcd/leader-election");

export const Campaign = z.strictObject({
  $schema: z.string().optional(),
  chapters: z
    .array(
      z.strictObject({
        title: z.string().trim().min(1).max(60),
        levels: z.array(z.strictObject({ id: levelId, teaches: z.array(Concept).min(1) })).min(1),
      }),
    )
    .min(1),
});
export type Campaign = z.output<typeof Campaign>;

/** One level's place in the campaign: its number (from 1), its chapter, and what it teaches. */
export interface CampaignPlace {
  number: number;
  chapter: string;
  teaches: Concept[];
}

/** Level id -> place, in campaign order. */
export function campaignPlaces(campaign: Campaign): Map<string, CampaignPlace> {
  const places = new Map<string, CampaignPlace>();
  for (const chapter of campaign.chapters) {
    for (const level of chapter.levels) places.set(level.id, { number: places.size + 1, chapter: chapter.title, teaches: [...level.teaches] });
  }
  return places;
}

/** What is wrong with a campaign over these level ids: a level missing, listed twice, or unknown. */
export function campaignProblems(campaign: Campaign, levelIds: readonly string[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const chapter of campaign.chapters) {
    for (const { id } of chapter.levels) {
      if (seen.has(id)) problems.push(`${id} is listed twice`);
      seen.add(id);
      if (!levelIds.includes(id)) problems.push(`${id} is not a level (no levels/${id}.json)`);
    }
  }
  for (const id of levelIds) if (!seen.has(id)) problems.push(`${id} is in no chapter: add it where it belongs`);
  return problems;
}
