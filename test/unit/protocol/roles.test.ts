import { describe, expect, it } from "vitest";
import { PlayerAction, type RoleName } from "../../../shared/protocol/actions";
import { ACTION_ROLES, authorize } from "../../../shared/protocol/roles";

describe("role permission table", () => {
  it("covers every action type in the vocabulary", () => {
    const types = PlayerAction.options.map((o) => o.shape.type.value).sort();
    expect(Object.keys(ACTION_ROLES).sort()).toEqual(types);
  });

  it("lets the chaos agent crash a node and refuses a client, naming who may", () => {
    const crash = { type: "crash", node: "n1" } as const;
    expect(authorize({ role: "chaos" }, crash)).toEqual({ ok: true, action: crash });
    const refused = authorize({ role: "client" }, crash);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toBe('As a client you cannot "crash": only the chaos agent can.');
  });

  it("gives hosts and spectators no actions", () => {
    for (const role of ["host", "spectator"] as RoleName[]) {
      for (const action of [{ type: "get", key: "k" }, { type: "heal" }, { type: "timeout" }] as PlayerAction[]) {
        expect(authorize({ role }, action).ok).toBe(false);
      }
    }
  });

  it("turns a node player's self actions into actions on their own node only", () => {
    expect(authorize({ role: "node", node: "n2" }, { type: "crash-self" })).toMatchObject({ ok: true, effect: { type: "crash", node: "n2" } });
    expect(authorize({ role: "node", node: "n2" }, { type: "restart-self" })).toMatchObject({ effect: { type: "restart", node: "n2" } });
    expect(authorize({ role: "node", node: "n3" }, { type: "timeout" })).toMatchObject({ effect: { type: "timeout", node: "n3" } });
    // A node player cannot crash another node: `crash` belongs to chaos.
    expect(authorize({ role: "node", node: "n2" }, { type: "crash", node: "n1" }).ok).toBe(false);
    expect(authorize({ role: "node" }, { type: "timeout" })).toEqual({ ok: false, error: expect.stringMatching(/not bound to a node/) });
  });

  it("lets operators write but keeps reads to clients", () => {
    expect(authorize({ role: "operator" }, { type: "put", key: "k", value: "v" }).ok).toBe(true);
    expect(authorize({ role: "client" }, { type: "put", key: "k", value: "v" }).ok).toBe(true);
    expect(authorize({ role: "client" }, { type: "transfer-leader", to: "n2" }).ok).toBe(false);
  });
});
