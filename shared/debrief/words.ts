// Plain words for the debrief: times, who did something, and what they did.

import type { InputSource } from "../levels/bots/bot";
import type { PlayerAction, RoleName } from "../protocol/actions";
import { FAULT_TYPES, type FaultInput } from "../sim/faults";

/** Simulated ms as seconds with one decimal: "5.0 s". */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

const ROLE_WORDS: Readonly<Record<string, string>> = {
  chaos: "the chaos agent",
  operator: "the operator",
  client: "a client player",
  host: "the host",
  spectator: "a spectator",
};

const BOT_WORDS: Readonly<Record<string, string>> = {
  chaos: "the chaos bot",
  operator: "the operator bot",
  client: "the client bots",
};

/** "the chaos agent" (a person), "the chaos bot", "the level's script", "n2's player", ... */
export function actorWords(role: RoleName, by: InputSource, node?: string): string {
  if (by === "script") return "the level's script";
  if (by === "random") return "a random fault";
  if (by === "bot") return BOT_WORDS[role] ?? `the ${role} bot`;
  if (role === "node") return node !== undefined ? `${node}'s player` : "a node player";
  return ROLE_WORDS[role] ?? role;
}

/** What an action does, in a few words: "crash n1", "put k1 = 4 via n2", "set-consistency read QUORUM". */
export function actionWords(action: PlayerAction): string {
  if ((FAULT_TYPES as readonly string[]).includes(action.type)) return faultWords(action as FaultInput);
  const { type, ...rest } = action as { type: string } & Record<string, unknown>;
  const parts = Object.entries(rest).map(([k, v]) => {
    if (k === "node" || k === "to") return String(v);
    if (k === "value") return `= ${short(v)}`;
    if (k === "via") return `via ${String(v)}`;
    return `${k} ${short(v)}`;
  });
  return [type, ...parts].join(" ");
}

function faultWords(f: FaultInput): string {
  switch (f.type) {
    case "crash":
    case "restart":
      return `${f.type} ${f.node}`;
    case "cut":
      return `cut ${f.from}${f.oneWay ? "→" : "↔"}${f.to}`;
    case "heal":
      return f.from !== undefined && f.to !== undefined ? `heal ${f.from}↔${f.to}` : f.from !== undefined || f.to !== undefined ? `heal links of ${f.from ?? f.to}` : "heal the network";
    case "partition":
      return `partition ${f.groups.map((g) => g.join(" ")).join(" | ")}`;
    case "latency":
      return `latency ${f.from}↔${f.to} ${f.ms} ms`;
    case "loss":
      return `loss ${f.from}↔${f.to} ${Math.round(f.rate * 100)}%`;
    case "duplicate":
      return `duplicate ${Math.round(f.rate * 100)}%`;
    case "skew":
      return `skew ${f.node} ${f.ms >= 0 ? "+" : ""}${f.ms} ms`;
  }
}

function short(v: unknown): string {
  const text = typeof v === "string" ? v : JSON.stringify(v);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
