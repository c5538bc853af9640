// Every group side by side, one card each: the round's phase (a word and a symbol), time, goals, score, how the
// round ended, who plays what, its own time controls, "Watch" to open its game with the teacher's host ticket, and
// a seat the teacher may play there. In one large cluster the single card says how many nodes it has.

import type { ClassGroupView, ClassStateView, StudentView } from "../../net/class-state";
import type { ClassLink } from "../../net/class-link";
import { listValues } from "../../net/state";
import type { Session } from "../../session";
import { h, setChildren, setText } from "../dom";
import { enterGame } from "./class-games";
import { byArrival, groupFacts, groupName, groupPhase, modeWords, seatWords } from "./class-words";
import { createHostSeat, type HostSeat } from "./host-seat";
import { createTimeControls, type TimeControls } from "./time-controls";

interface Card {
  el: HTMLElement;
  phase: HTMLElement;
  facts: HTMLElement;
  outcome: HTMLElement;
  members: HTMLElement;
  size: HTMLElement;
  time: TimeControls;
  seat: HostSeat;
}

export function createGroupCards(session: Session, link: ClassLink): { el: HTMLElement; update(state: ClassStateView): void } {
  const all = createTimeControls(link, "", "all groups");
  const grid = h("div", { class: "group-grid" });
  const el = h(
    "section",
    { class: "console-panel groups-panel", "aria-labelledby": "groups-title" },
    h("h2", { id: "groups-title" }, "Groups"),
    h("div", { class: "all-groups" }, h("span", { class: "subhead" }, "Every group at once"), all.el, all.status),
    grid,
  );
  const cards = new Map<string, Card>();
  let order = "";

  const card = (group: ClassGroupView): Card => {
    const name = groupName(group.id);
    const titleId = `group-${group.id}-title`;
    const phase = h("span", { class: "phase-chip" });
    const watch = h("button", { type: "button", "aria-label": `Watch ${name}'s game` }, "Watch");
    watch.addEventListener("click", () => {
      const g = listValues(link.state?.groups ?? []).find((v) => v.id === group.id);
      const ticket = link.mine()?.ticket;
      if (g && ticket) void enterGame(session, g.gameCode, ticket);
    });
    const time = createTimeControls(link, group.id, name);
    const facts = h("dl", { class: "facts" });
    const outcome = h("p", { class: "outcome" });
    const members = h("ul", { class: "members" });
    const size = h("p", { class: "cluster-size" });
    const seat = createHostSeat(link, group.id, name);
    const el = h(
      "article",
      { class: "group-card", "aria-labelledby": titleId, "data-group": group.id },
      h("header", { class: "row" }, h("h3", { id: titleId }, name), phase, h("span", { class: "spacer" }), watch),
      size,
      facts,
      outcome,
      members,
      time.el,
      time.status,
      seat.el,
    );
    return { el, phase, facts, outcome, members, size, time, seat };
  };

  return {
    el,
    update(state) {
      const groups = listValues(state.groups);
      all.update(groups);
      const students: StudentView[] = [];
      state.roster.forEach((s) => {
        if (!s.host) students.push(s);
      });
      for (const id of [...cards.keys()]) if (!groups.some((g) => g.id === id)) cards.delete(id);
      for (const g of groups) {
        let c = cards.get(g.id);
        if (!c) {
          c = card(g);
          cards.set(g.id, c);
        }
        const p = groupPhase(g);
        c.el.dataset.phase = p.key;
        c.phase.dataset.phase = p.key;
        setText(c.phase, p.text);
        setChildren(c.facts, ...groupFacts(g).flatMap((f) => [h("dt", {}, f.label), h("dd", {}, f.value)]));
        setText(c.outcome, g.outcomeText);
        c.outcome.hidden = g.outcomeText === "";
        const who = students.filter((s) => s.group === g.id).sort(byArrival);
        setChildren(c.members, ...(who.length ? who.map((s) => h("li", { "data-connected": String(s.connected) }, h("strong", {}, s.name), ` · ${seatWords(s)}${s.connected ? "" : " (away)"}`)) : [h("li", { class: "hint" }, "Nobody yet: bots play every role.")]));
        c.time.update([g]);
        c.seat.update(state);
        const whole = state.mode === "whole";
        setText(c.size, whole ? `The whole class: ${modeWords(state)}.` : "");
        c.size.hidden = !whole;
      }
      // Re-placing the cards would take keyboard focus off their buttons: only when the groups themselves change.
      const ids = groups.map((g) => g.id).join(",");
      if (ids !== order) {
        order = ids;
        setChildren(grid, ...groups.map((g) => cards.get(g.id)?.el));
      }
    },
  };
}
