// What GET /api/levels returns for each level: what the "create a room" picker shows.

export interface LevelSummary {
  id: string;
  title: string;
  system: string;
  concept: string;
  /** 1 = first steps; higher is harder. */
  difficulty: number;
}
