// The JSON Schema for level files, generated from the zod schema so editors autocomplete and underline exactly
// what the loader accepts. `npm run level:schema` writes it to levels/level.schema.json; a unit test keeps the
// committed file equal to a fresh generation.

import { z } from "zod";
import { Level } from "./schema";

/** The schema as a JSON value. `io: "input"` because authors may omit fields that have defaults. */
export function levelJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(Level, { io: "input" }) as Record<string, unknown>;
  return {
    ...generated,
    title: "Split Brain level",
    description: "One level of Split Brain: the cluster, the network, the workload, the roles, the script, and the goals (see GUIDE §6).",
  };
}

/** The exact text of levels/level.schema.json. */
export function levelJsonSchemaText(): string {
  return `${JSON.stringify(levelJsonSchema(), null, 2)}\n`;
}
