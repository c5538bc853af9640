import { describe, expect, it } from "vitest";
import { parseClientMessage } from "../../../shared/protocol/messages";

function error(type: "role" | "action" | "control", payload: unknown): string {
  const r = parseClientMessage(type, payload);
  if (r.ok) throw new Error(`expected ${JSON.stringify(payload)} to be refused`);
  return r.error;
}

describe("client messages", () => {
  it("accept the documented shapes", () => {
    expect(parseClientMessage("action", { action: { type: "cut", from: "n1", to: "n2", oneWay: true } }).ok).toBe(true);
    expect(parseClientMessage("role", { role: "node", node: "n3" }).ok).toBe(true);
    expect(parseClientMessage("control", { op: "speed", speed: 2.5 }).ok).toBe(true);
    expect(parseClientMessage("control", { op: "pause" }).ok).toBe(true);
  });

  it("name the missing field", () => {
    expect(error("action", { action: { type: "crash" } })).toBe('Bad "action" message: action.node: missing (expected string)');
    expect(error("control", { op: "speed" })).toMatch(/speed: missing/);
  });

  it("name an unknown action type and list known ones, a dozen at most, saying where the rest are", () => {
    const e = error("action", { action: { type: "nuke" } });
    expect(e).toMatch(/unknown type "nuke"/);
    expect(e).toMatch(/expected one of crash, restart, /);
    expect(e).toMatch(/or \d+ more \(docs\/protocol\.md lists them all\)/);
    expect(e.length).toBeLessThan(400);
  });

  it("refuse wrong types, bad node ids and huge strings with bounded messages", () => {
    expect(error("action", { action: { type: "crash", node: 5 } })).toMatch(/action.node: .*expected string, received number/);
    expect(error("role", { role: "node", node: "N1; drop" })).toMatch(/node: expected a node id such as n1/);
    const huge = error("action", { action: { type: "put", key: "x".repeat(100_000), value: "v" } });
    expect(huge).toMatch(/key of at most 64 characters/);
    expect(huge.length).toBeLessThan(200);
    expect(error("action", "hello")).toMatch(/expected object/);
    expect(error("control", { op: "speed", speed: 1e9 })).toMatch(/at most 100/);
    expect(error("role", { role: "king" })).toMatch(/role: .*expected one of/);
  });
});
