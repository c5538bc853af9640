import { schema, t, type SchemaType } from "@colyseus/schema";

/** Predict, then reveal: the teacher's question. Tallies stay empty until the teacher reveals them. */
export const PollView = schema(
  {
    /** "p1", "p2", ...; "" when no question has been asked. */
    id: t.string().default(""),
    question: t.string().default(""),
    choices: t.array("string"),
    /** Students may vote (and change their vote) while the question is open. */
    open: t.boolean().default(false),
    revealed: t.boolean().default(false),
    /** How many students have voted: progress without giving the answers away. */
    votes: t.uint16().default(0),
    /** Votes per choice, in choice order; filled only once revealed. */
    tallies: t.array("uint16"),
  },
  "PollView",
);
export type PollView = SchemaType<typeof PollView>;
