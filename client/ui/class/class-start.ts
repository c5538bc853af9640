// The class's ways in from the start screen: a teacher runs a class (level, groups or one cluster, group size); a
// student's code is tried as a class first, then as a game, so one code field serves both; a return to a class
// this browser was in (a reload, the link again) uses the rejoin token kept for its code.

import type { Client } from "@colyseus/sdk";
import { DEFAULT_GROUP_SIZE, MAX_GROUP_SIZE, MIN_GROUP_SIZE } from "../../../shared/protocol/class-messages";
import { joinClass, savedClassToken, type ClassRoom } from "../../net/class-connection";
import { ClassLink } from "../../net/class-link";
import type { LevelSummary } from "../../net/levels";
import type { Session } from "../../session";
import { h, uid } from "../dom";
import { enterClass } from "./enter-class";

/** Puts this tab in the class and waits for its first state (who we are in it is known from then on). */
export async function takeClass(session: Session, room: ClassRoom, code: string): Promise<void> {
  const link = new ClassLink(session.client, room, code);
  enterClass(session, link);
  await link.ready();
}

/** Joins the class with this code, if there is one: with the kept token when this browser was in it, else by name. */
export async function tryJoinClass(session: Session, code: string, name: string): Promise<boolean> {
  const room = await joinClassRoom(session.client, code, name);
  if (!room) return false;
  await takeClass(session, room, code);
  return true;
}

async function joinClassRoom(client: Client, code: string, name: string): Promise<ClassRoom | null> {
  const token = savedClassToken(code);
  if (token) {
    try {
      return await joinClass(client, code, { rejoin: token });
    } catch {
      // The class no longer knows the token (it removed us, or it is another class now): join by name below.
    }
  }
  try {
    return await joinClass(client, code, { name });
  } catch (error) {
    // Not a class code: the caller tries it as a game's. Any other refusal (locked, a name it cannot take) stands.
    if (/No class has the code/i.test(error instanceof Error ? error.message : String(error))) return null;
    throw error;
  }
}

/** A return to a class by its kept token alone (the page opened with ?class=CODE after a reload). */
export async function rejoinClass(session: Session, code: string): Promise<boolean> {
  const token = savedClassToken(code);
  if (!token) return false;
  try {
    await takeClass(session, await joinClass(session.client, code, { rejoin: token }), code);
    return true;
  } catch {
    return false;
  }
}

export interface ClassForm {
  el: HTMLElement;
  read(): { level: string; mode: "groups" | "whole"; groupSize: number };
  busy(on: boolean): void;
  error: HTMLElement;
}

/** "Run a class", folded away by default so the start screen stays short for students. */
export function createClassForm(levels: readonly LevelSummary[], fillLevels: (select: HTMLSelectElement) => void, submit: () => void): ClassForm {
  const levelId = uid("class-level");
  const level = h("select", { id: levelId, name: "class-level" });
  fillLevels(level);
  const groupsId = uid("format");
  const groups = h("input", { id: groupsId, type: "radio", name: "class-format", value: "groups", checked: true });
  const wholeId = uid("format");
  const whole = h("input", { id: wholeId, type: "radio", name: "class-format", value: "whole" });
  const sizeId = uid("group-size");
  const size = h("input", { id: sizeId, type: "number", name: "group-size", min: MIN_GROUP_SIZE, max: MAX_GROUP_SIZE, step: 1, value: DEFAULT_GROUP_SIZE, inputmode: "numeric" });
  const sizeField = h("div", { class: "field" }, h("label", { for: sizeId }, "Students per group"), size);
  for (const radio of [groups, whole]) radio.addEventListener("change", () => (sizeField.hidden = whole.checked));
  const button = h("button", { type: "submit", class: "primary" }, "Run a class");
  if (levels.length === 0) button.disabled = true;
  const error = h("p", { class: "error", role: "alert" });
  const form = h(
    "form",
    {},
    h(
      "details",
      { class: "class-start" },
      h("summary", {}, "Run a class (for teachers)"),
      h("p", { class: "hint" }, "Students join with a code or a QR code, no accounts. You control time for every group, ask questions and reveal the answers."),
      h("div", { class: "field" }, h("label", { for: levelId }, "Level for the class"), level),
      h(
        "fieldset",
        { class: "format" },
        h("legend", {}, "Format"),
        h("div", { class: "tick" }, groups, h("label", { for: groupsId }, "Groups, each on its own cluster")),
        h("div", { class: "tick" }, whole, h("label", { for: wholeId }, "One cluster for the whole class")),
      ),
      h("div", { class: "row end" }, sizeField, button),
      error,
    ),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit();
  });
  return {
    el: form,
    error,
    read: () => ({ level: level.value, mode: whole.checked ? "whole" : "groups", groupSize: Number(size.value) || DEFAULT_GROUP_SIZE }),
    busy(on) {
      button.disabled = on || levels.length === 0;
    },
  };
}

