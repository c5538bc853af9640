// The JSON Schema editors use is generated from the validator; the committed copy must be the current one, or an
// author's editor would accept (or underline) something the game does not.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { levelJsonSchema, levelJsonSchemaText } from "../../../shared/levels/json-schema";

describe("levels/level.schema.json", () => {
  it("equals a fresh generation from the zod schema (run `npm run level:schema` after changing it)", () => {
    expect(readFileSync("levels/level.schema.json", "utf8")).toBe(levelJsonSchemaText());
  });

  it("lists the predicate vocabulary and the action types for autocompletion", () => {
    const schema = levelJsonSchema() as { $defs: Record<string, { oneOf?: { properties: { type: { const: string } } }[]; enum?: string[] }> };
    const predicateTypes = schema.$defs.Predicate.oneOf?.map((o) => o.properties.type.const);
    expect(predicateTypes).toEqual(["leader-elected", "writes-committed", "survive", "no-leader-for", "invariant-violated", "ops-failed-ratio", "slow-ops", "stale-reads", "metric"]);
    expect(schema.$defs.ActionType.enum).toContain("set-consistency");
    expect(schema.$defs.ActionType.enum).toContain("crash");
    expect(schema.$defs.ActionType.enum).toContain("restart-self");
  });
});
