// What GET /api/levels returns for each level: what the "create a room" picker shows.

export interface LevelSummary {
  id: string;
  title: string;
  system: string;
  concept: string;
  /** 1 = first steps; higher is harder. */
  difficulty: number;
  /** The level's place in the campaign (levels/campaign.json): its number from 1 and its chapter; absent for a level outside it. */
  number?: number;
  chapter?: string;
  /** The concepts it teaches (quorum, leader-election, rebalancing, erasure-recovery, ...). */
  teaches?: string[];
  /** A level saved by an author on this server (POST /api/levels), not one shipped with the game; absent for those. */
  authored?: boolean;
}
