// JSON with object keys in sorted order, so a value's text does not depend on the order in which a system happened
// to build its fields. The trace hash is taken over this text: two runs that did the same things hash the same even
// if a refactor reorders the fields of a message literal.
//
// Plain data only, as JSON: undefined object fields are left out, undefined/functions in arrays become null,
// non-finite numbers become null and -0 becomes 0. A bigint, a Map/Set, or a cycle is a bug in the caller and throws.
//
// The kernel writes it straight into the trace's bytes (writeCanonicalJson); canonicalJson gives the same as text.

import { JsonBytes } from "./json-bytes";

export function canonicalJson(value: unknown): string {
  const out = new JsonBytes(256);
  writeCanonicalJson(out, value);
  return out.text();
}

const MAX_DEPTH = 64;

/** Appends the canonical JSON of `value` to `out`. If it throws, part of the value may have been written. */
export function writeCanonicalJson(out: JsonBytes, value: unknown, depth = 0): void {
  switch (typeof value) {
    case "string":
      out.string(value);
      return;
    case "number":
      if (Number.isFinite(value)) out.number(value);
      else out.utf8("null");
      return;
    case "boolean":
      out.utf8(value ? "true" : "false");
      return;
    case "undefined":
    case "function":
    case "symbol":
      out.utf8("null");
      return;
    case "bigint":
      throw new TypeError("canonicalJson: a bigint cannot be written as JSON");
    default:
      break;
  }
  if (value === null) {
    out.utf8("null");
    return;
  }
  if (depth >= MAX_DEPTH) throw new TypeError("canonicalJson: value nested too deeply (a cycle?)");
  if (Array.isArray(value)) {
    out.byte(0x5b); // [
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.byte(0x2c); // ,
      writeField(out, value[i], depth + 1);
    }
    out.byte(0x5d); // ]
    return;
  }
  if (value instanceof Map || value instanceof Set) {
    throw new TypeError("canonicalJson: a Map or Set is not plain data; use an object or an array");
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (!isSorted(keys)) keys.sort();
  out.byte(0x7b); // {
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const field = record[keys[i]];
    if (field === undefined || typeof field === "function" || typeof field === "symbol") continue;
    if (!first) out.byte(0x2c); // ,
    first = false;
    writeKey(out, keys[i]);
    writeField(out, field, depth + 1);
  }
  out.byte(0x7d); // }
}

/**
 * A field or element: the common leaves (strings, finite numbers) written directly, anything else as
 * writeCanonicalJson writes it. Every message body is a handful of such leaves, and a call back into the whole
 * switch for each was a large share of writing a trace line.
 */
function writeField(out: JsonBytes, value: unknown, depth: number): void {
  if (typeof value === "string") out.string(value);
  else if (typeof value === "number" && Number.isFinite(value)) out.number(value);
  else writeCanonicalJson(out, value, depth);
}

/**
 * `"key":` as bytes, for the field names that recur in every message (kind, from, to, term, ...): copying them is
 * cheaper than quoting each one again, character by character. Bounded, so odd keys cannot grow it without end.
 */
const keyBytes = new Map<string, Uint8Array>();
const KEY_CACHE_ENTRIES = 1024;
const KEY_CACHE_LENGTH = 32;

function writeKey(out: JsonBytes, key: string): void {
  let bytes = keyBytes.get(key);
  if (bytes === undefined) {
    if (key.length > KEY_CACHE_LENGTH || keyBytes.size >= KEY_CACHE_ENTRIES) {
      out.string(key);
      out.byte(0x3a); // :
      return;
    }
    const written = new JsonBytes(6 * key.length + 3);
    written.string(key);
    written.byte(0x3a);
    bytes = written.bytes.slice(0, written.length);
    keyBytes.set(key, bytes);
  }
  out.raw(bytes);
}

/** Whether the keys are already in sort() order (objects built in that order skip the sort, the costly part). */
function isSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) return false;
  return true;
}
