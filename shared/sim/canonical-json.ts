// JSON with object keys in sorted order, so a value's text does not depend on the order in which a system happened
// to build its fields. The trace hash is taken over this text: two runs that did the same things hash the same even
// if a refactor reorders the fields of a message literal.
//
// Plain data only, as JSON: undefined object fields are left out, undefined/functions in arrays become null,
// non-finite numbers become null and -0 becomes 0. A bigint, a Map/Set, or a cycle is a bug in the caller and throws.

export function canonicalJson(value: unknown): string {
  return write(value, 0);
}

const MAX_DEPTH = 64;

function write(value: unknown, depth: number): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? `${value}` : "null";
    case "boolean":
      return value ? "true" : "false";
    case "undefined":
    case "function":
    case "symbol":
      return "null";
    case "bigint":
      throw new TypeError("canonicalJson: a bigint cannot be written as JSON");
    default:
      break;
  }
  if (value === null) return "null";
  if (depth >= MAX_DEPTH) throw new TypeError("canonicalJson: value nested too deeply (a cycle?)");
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ",";
      out += write(value[i], depth + 1);
    }
    return `${out}]`;
  }
  if (value instanceof Map || value instanceof Set) {
    throw new TypeError("canonicalJson: a Map or Set is not plain data; use an object or an array");
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  keys.sort();
  let out = "{";
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const field = record[keys[i]];
    if (field === undefined || typeof field === "function" || typeof field === "symbol") continue;
    if (!first) out += ",";
    first = false;
    out += quotedKey(keys[i]) + write(field, depth + 1);
  }
  return `${out}}`;
}

// Field names come from a small vocabulary (kind, term, from, ...); quoting each once saves most of the cost of
// writing a message. Bounded, in case a system uses data as keys.
const quoted = new Map<string, string>();
const MAX_QUOTED = 4096;

function quotedKey(key: string): string {
  let text = quoted.get(key);
  if (text === undefined) {
    text = `${JSON.stringify(key)}:`;
    if (quoted.size >= MAX_QUOTED) quoted.clear();
    quoted.set(key, text);
  }
  return text;
}
