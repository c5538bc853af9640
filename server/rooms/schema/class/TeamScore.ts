import { schema, t, type SchemaType } from "@colyseus/schema";

/** A team's standing: the mean score of its members (scores.ts). Key = team name. */
export const TeamScore = schema(
  {
    team: t.string().default(""),
    score: t.int32().default(0),
    members: t.uint16().default(0),
  },
  "TeamScore",
);
export type TeamScore = SchemaType<typeof TeamScore>;
