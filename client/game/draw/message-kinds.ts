// How a protocol message looks in flight. Systems name their own message kinds ("MsgVote", "AppendEntriesResp", ...);
// we sort them into a few families by name so a new system gets sensible shapes without a client change.
// Each family has a colour AND a shape; replies are drawn hollow with a dashed trail.

import { OKABE_ITO } from "./palette";

export type Shape = "diamond" | "triangle" | "square" | "circle" | "star" | "hexagon";

export interface KindFamily {
  id: string;
  label: string;
  color: number;
  shape: Shape;
}

export const FAMILIES: readonly KindFamily[] = [
  { id: "pre-vote", label: "Pre-vote", color: OKABE_ITO.reddishPurple, shape: "triangle" },
  { id: "vote", label: "Vote", color: OKABE_ITO.orange, shape: "diamond" },
  { id: "append", label: "Append entries", color: OKABE_ITO.bluishGreen, shape: "square" },
  { id: "heartbeat", label: "Heartbeat", color: OKABE_ITO.skyBlue, shape: "circle" },
  { id: "transfer", label: "Leadership transfer", color: OKABE_ITO.yellow, shape: "star" },
  { id: "other", label: "Other", color: OKABE_ITO.grey, shape: "hexagon" },
];

export interface KindStyle {
  family: KindFamily;
  /** A reply (vote granted, append acknowledged): drawn hollow, with a dashed trail. */
  reply: boolean;
}

const RULES: [RegExp, string][] = [
  [/pre-?vote/i, "pre-vote"],
  [/vote/i, "vote"],
  [/heartbeat|\bhb\b/i, "heartbeat"],
  [/timeout-?now|transfer/i, "transfer"],
  [/app(end)?|entries|snap|replicat|prop/i, "append"],
];

const cache = new Map<string, KindStyle>();

export function styleForKind(kind: string): KindStyle {
  const known = cache.get(kind);
  if (known) return known;
  const familyId = RULES.find(([pattern]) => pattern.test(kind))?.[1] ?? "other";
  const family = FAMILIES.find((f) => f.id === familyId) ?? FAMILIES[FAMILIES.length - 1];
  const style = { family, reply: /resp|reply|ack/i.test(kind) };
  cache.set(kind, style);
  return style;
}
