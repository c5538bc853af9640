// A level file that cannot be played. Levels come from untrusted authors, often edited by hand, so every problem
// names the file, the place inside it (a JSON path such as `objectives[1].type`) and what was expected there.

import type { z } from "zod";

/** One problem in a level file: where it is and what was wrong. */
export interface LevelProblem {
  /** JSON path inside the file, e.g. `objectives[1].type`; "" for the whole file. */
  path: string;
  message: string;
}

export class LevelError extends Error {
  readonly file: string;
  readonly problems: readonly LevelProblem[];

  constructor(file: string, problems: readonly LevelProblem[]) {
    super(problems.map((p) => (p.path ? `${file}: ${p.path}: ${p.message}` : `${file}: ${p.message}`)).join("\n"));
    this.name = "LevelError";
    this.file = file;
    this.problems = problems;
  }
}

/** `["objectives", 1, "type"]` -> `objectives[1].type`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (typeof part === "string" && /^[A-Za-z_$][\w$-]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}

/** Shows a value the author wrote, briefly: strings quoted, objects and arrays by kind. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return String(value);
}

function quoteAll(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(" | ");
}

const TYPE_WORDS: Record<string, string> = {
  object: "an object",
  array: "a list",
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  record: "an object",
};

function typeWords(expected: string): string {
  return TYPE_WORDS[expected] ?? expected;
}

function sizeWords(issue: { origin?: string; minimum?: unknown; maximum?: unknown; inclusive?: boolean }, small: boolean): string {
  const bound = small ? issue.minimum : issue.maximum;
  const strict = issue.inclusive === false;
  const cmp = small ? (strict ? "more than" : "at least") : strict ? "less than" : "at most";
  switch (issue.origin) {
    case "array":
      return `a list of ${cmp} ${bound} item${bound === 1 ? "" : "s"}`;
    case "string":
      return `a string of ${cmp} ${bound} character${bound === 1 ? "" : "s"}`;
    default:
      return `a number ${cmp} ${bound}`;
  }
}

/**
 * Plain-words message for one zod issue (parsed with `reportInput: true`, so the offending value is known).
 * Returns the path too, because a failed discriminator or union is best reported one level deeper or shallower.
 */
export function describeIssue(issue: z.core.$ZodIssue): LevelProblem[] {
  const path = formatPath(issue.path);
  const got = `got ${describeValue(issue.input)}`;
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return [{ path, message: `missing: expected ${typeWords(issue.expected)}` }];
      return [{ path, message: `expected ${typeWords(issue.expected)}, ${got}` }];
    case "invalid_value":
      return [{ path, message: `expected ${issue.values.length === 1 ? "" : "one of "}${quoteAll(issue.values)}, ${got}` }];
    case "unrecognized_keys":
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        message: `unknown field (a typo? the allowed fields are listed in levels/level.schema.json)`,
      }));
    case "too_small":
      return [{ path, message: `expected ${sizeWords(issue, true)}, ${got}` }];
    case "too_big":
      return [{ path, message: `expected ${sizeWords(issue, false)}, ${got}` }];
    case "invalid_format":
      return [{ path, message: `${issue.message}, ${got}` }];
    case "not_multiple_of":
      return [{ path, message: `expected a multiple of ${issue.divisor}, ${got}` }];
    case "invalid_union":
      return describeUnion(issue);
    default:
      return [{ path, message: issue.message }];
  }
}

function describeUnion(issue: z.core.$ZodIssueInvalidUnion): LevelProblem[] {
  const path = formatPath(issue.path);
  const discriminated = issue as z.core.$ZodIssueInvalidUnion & { discriminator?: string; options?: unknown[] };
  if (discriminated.discriminator !== undefined && discriminated.options) {
    const input = issue.input as Record<string, unknown> | undefined;
    const value = input && typeof input === "object" ? input[discriminated.discriminator] : undefined;
    return [{ path, message: `expected one of ${quoteAll(discriminated.options)}, got ${describeValue(value)}` }];
  }
  // A plain union: if one branch got further than "wrong type here", its problems are the real ones.
  const deeper = issue.errors.filter((branch) => !branch.every((i) => i.path.length === 0 && i.code === "invalid_type"));
  if (deeper.length === 1) {
    return deeper[0].flatMap((inner) => describeIssue({ ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue));
  }
  const expected = issue.errors.flatMap((branch) =>
    branch.filter((i) => i.path.length === 0 && i.code === "invalid_type").map((i) => typeWords((i as { expected: string }).expected)),
  );
  if (expected.length === issue.errors.length && expected.length > 0) {
    return [{ path, message: `expected ${[...new Set(expected)].join(" or ")}, got ${describeValue(issue.input)}` }];
  }
  return [{ path, message: `${issue.message}, got ${describeValue(issue.input)}` }];
}
