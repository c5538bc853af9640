// The fields of an action or a predicate, read from the zod schemas the loader validates with, so the editor offers
// exactly the vocabulary the game accepts and never drifts from it: a new action type or predicate field shows up
// here without a change to the editor. Pure: no DOM.

import type { z } from "zod";
import { ACTION_TYPES, NODE_FIELDS, NODE_REFS } from "../../../shared/levels/level-action";
import { Predicate, type PredicateType } from "../../../shared/levels/predicates";
import { PlayerAction, type PlayerActionType } from "../../../shared/protocol/actions";

export type FieldKind =
  | { kind: "number"; integer: boolean; min?: number; max?: number }
  | { kind: "string" }
  | { kind: "boolean" }
  | { kind: "enum"; options: string[] }
  | { kind: "node" }
  /** Lists and objects (a partition's groups, a replication's datacenters): written as JSON. */
  | { kind: "json" };

export type SchemaField = FieldKind & { name: string; optional: boolean };

interface Def {
  type: string;
  innerType?: z.ZodType;
  entries?: Record<string, string>;
  checks?: { _zod: { def: { check: string; value?: number; format?: string } } }[];
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { def: Def }).def;

function kindOf(name: string, schema: z.ZodType): { kind: FieldKind; optional: boolean } {
  let def = defOf(schema);
  let optional = false;
  while ((def.type === "optional" || def.type === "default") && def.innerType) {
    optional = true;
    def = defOf(def.innerType);
  }
  if ((NODE_FIELDS as readonly string[]).includes(name) && def.type === "string") return { kind: { kind: "node" }, optional };
  switch (def.type) {
    case "number": {
      const kind: FieldKind = { kind: "number", integer: false };
      for (const check of def.checks ?? []) {
        const c = check._zod.def;
        if (c.check === "number_format" && c.format === "safeint") kind.integer = true;
        if (c.check === "greater_than" && typeof c.value === "number") kind.min = c.value;
        if (c.check === "less_than" && typeof c.value === "number") kind.max = c.value;
      }
      return { kind, optional };
    }
    case "string":
      return { kind: { kind: "string" }, optional };
    case "boolean":
      return { kind: { kind: "boolean" }, optional };
    case "enum":
      return { kind: { kind: "enum", options: Object.values(def.entries ?? {}) }, optional };
    default:
      return { kind: { kind: "json" }, optional };
  }
}

function fieldsOf(shape: Record<string, z.ZodType>): SchemaField[] {
  return Object.entries(shape)
    .filter(([name]) => name !== "type")
    .map(([name, schema]) => {
      const { kind, optional } = kindOf(name, schema);
      return { ...kind, name, optional };
    });
}

const actionShapes = new Map(PlayerAction.options.map((o) => [o.shape.type.value as string, o.shape as unknown as Record<string, z.ZodType>]));
const predicateShapes = new Map(
  (Predicate as unknown as { options: { shape: Record<string, z.ZodType> }[] }).options.map((o) => [
    (o.shape.type as unknown as { value: string }).value,
    o.shape,
  ]),
);

export function actionFields(type: string): SchemaField[] {
  const shape = actionShapes.get(type);
  return shape ? fieldsOf(shape) : [];
}

/** The predicate's fields other than id and text, which every predicate has and the editor shows first. */
export function predicateFields(type: string): SchemaField[] {
  const shape = predicateShapes.get(type);
  return shape ? fieldsOf(shape).filter((f) => f.name !== "id" && f.name !== "text") : [];
}

export const PREDICATE_TYPES = [...predicateShapes.keys()] as PredicateType[];
export { ACTION_TYPES, NODE_REFS };
export type { PlayerActionType };

/**
 * A new action of `type` with its required fields filled in sensibly: nodes by reference where one fits the action
 * (crash the leader, restart a crashed node), numbers at a small valid value. Optional fields stay out.
 */
export function defaultAction(type: string, nodes: readonly string[]): Record<string, unknown> {
  const action: Record<string, unknown> = { type };
  const [first = "n1", second = "n2"] = nodes;
  for (const field of actionFields(type)) {
    if (field.optional) continue;
    switch (field.kind) {
      case "node":
        action[field.name] =
          field.name === "to" && "from" in action ? second : field.name === "from" ? first : type.startsWith("restart") || type === "replace-drive" ? "@down" : type === "crash" ? "@leader" : first;
        break;
      case "number":
        action[field.name] = field.name === "ms" ? 200 : field.name === "rate" ? 0.5 : field.name === "drive" ? 1 : field.min !== undefined && field.min > 0 ? Math.ceil(field.min) : 1;
        break;
      case "string":
        action[field.name] = field.name === "value" ? "v1" : field.name === "key" ? "k1" : "";
        break;
      case "boolean":
        action[field.name] = false;
        break;
      case "enum":
        action[field.name] = field.options[0];
        break;
      case "json":
        action[field.name] = field.name === "groups" ? [[first], nodes.slice(1)] : field.name === "value" ? "" : [];
        break;
    }
  }
  return action;
}
