// When the teacher lets students choose, a student picks their own role in their group: the roles the level offers
// and the nodes of their cluster, sent to the class (which checks it against the game's seats and says why not).

import type { ClassStateView } from "../../net/class-state";
import type { ClassLink } from "../../net/class-link";
import { sortedValues } from "../../net/state";
import type { Session } from "../../session";
import { h, syncOptions, uid } from "../dom";
import { roleLabel } from "../format";
import { classAct } from "./class-act";

const ROLES = ["operator", "chaos", "client", "spectator"];

export function createRoleChoice(session: Session, link: ClassLink): { el: HTMLElement; update(state: ClassStateView): void } {
  const id = uid("my-role");
  const select = h("select", { id });
  const take = h("button", { type: "button" }, "Take this role");
  const status = h("span", { class: "status", role: "status" });
  const el = h("div", { class: "role-choice", hidden: true }, h("label", { for: id }, "My role"), select, take, status);
  take.addEventListener("click", () => {
    const [role, node] = select.value.split(":");
    const words = node ? `node ${node}` : roleLabel(role).toLowerCase();
    void classAct(status, () => link.chooseRole(role, node), `You are now ${words}.`);
  });
  return {
    el,
    update(state) {
      const me = link.me();
      el.hidden = !state.allowChoice || !me || me.host || !session.state;
      const game = session.state;
      if (el.hidden || !game || !me) return;
      const offered = game.roles.split(",").map((r) => r.trim()).filter(Boolean);
      const options = ROLES.filter((r) => r === "spectator" || offered.includes(r)).map((r) => ({ value: r, label: roleLabel(r) }));
      if (offered.includes("node")) for (const n of sortedValues(game.nodes, (v) => v.id)) options.push({ value: `node:${n.id}`, label: `Node ${n.id}` });
      syncOptions(select, options);
      if (document.activeElement !== select) select.value = me.role === "node" ? `node:${me.node}` : me.role;
    },
  };
}
