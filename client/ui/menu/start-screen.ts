// The first screen: your name, then create a room for a level, join a game or a class by its code (one field for
// both: a student only ever types the code they were given), or run a class. Real forms, so Enter submits the one
// you are typing in; errors are announced and focus goes back to the field to fix. Opened as /?class=CODE, the code
// is filled in, and a browser that was in that class goes straight back into it. "Create a level" opens the level
// editor in its place (/?edit, so a reload or the end of a test-play comes back to it); a level's share link,
// /?level=<id>, opens this screen with that level chosen.

import { normalizeJoinCode } from "../../../shared/protocol/join-code";
import { createClass } from "../../net/class-connection";
import { createRoom, describeJoinError, joinRoom } from "../../net/connection";
import type { LevelSummary } from "../../net/levels";
import type { Session } from "../../session";
import { createClassForm, rejoinClass, takeClass, tryJoinClass } from "../class/class-start";
import { setModal } from "../hosts";
import { h, setText, uid } from "../dom";

const NAME_KEY = "split-brain:name";

export function mountStartScreen(host: HTMLElement, session: Session, onJoined: () => void): () => void {
  const nameId = uid("name");
  const levelId = uid("level");
  const codeId = uid("code");

  const nameInput = h("input", {
    id: nameId,
    type: "text",
    name: "name",
    autocomplete: "nickname",
    maxlength: 32,
    required: true,
    placeholder: "e.g. Ada",
  });
  nameInput.value = session.name || readSavedName();
  const nameError = h("p", { class: "error", id: uid("name-error"), role: "alert" });
  nameInput.setAttribute("aria-describedby", nameError.id);

  const levelSelect = h("select", { id: levelId, name: "level" });
  appendLevelOptions(levelSelect, session.levels);
  const createButton = h("button", { type: "submit", class: "primary" }, "Create room");
  const createError = h("p", { class: "error", role: "alert" }, session.levelsError);
  if (session.levels.length === 0) createButton.disabled = true;

  const codeInput = h("input", {
    id: codeId,
    type: "text",
    name: "code",
    class: "code-input",
    autocomplete: "off",
    autocapitalize: "characters",
    spellcheck: "false",
    maxlength: 16,
    placeholder: "ABCDE",
  });
  const joinButton = h("button", { type: "submit" }, "Join room");
  const joinHint = h("p", { class: "hint" }, "A game's code or your class's code: the same field takes both.");
  const joinError = h("p", { class: "error", role: "alert", id: uid("join-error") });
  codeInput.setAttribute("aria-describedby", joinError.id);

  const busy = (on: boolean) => {
    createButton.disabled = on || session.levels.length === 0;
    joinButton.disabled = on;
    classForm.busy(on);
  };

  const takeName = (): string | null => {
    const name = nameInput.value.trim();
    nameError.textContent = "";
    if (name === "") {
      nameError.textContent = "Type your name first: the other players see it.";
      nameInput.focus();
      return null;
    }
    session.name = name;
    saveName(name);
    return name;
  };

  const createForm = h(
    "form",
    {},
    h(
      "fieldset",
      {},
      h("legend", {}, "Create a room"),
      h("div", { class: "row end" }, h("div", { class: "field grow" }, h("label", { for: levelId }, "Level"), levelSelect), createButton),
      createError,
    ),
  );
  createForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const name = takeName();
    if (!name) return;
    createError.textContent = "";
    busy(true);
    try {
      session.attach(await createRoom(session.client, levelSelect.value, name), true);
    } catch (error) {
      createError.textContent = `Could not create the room: ${describeJoinError(error)}`;
      busy(false);
      return;
    }
    onJoined();
  });

  const joinForm = h(
    "form",
    {},
    h(
      "fieldset",
      {},
      h("legend", {}, "Join a game or a class"),
      h("div", { class: "row end" }, h("div", { class: "field" }, h("label", { for: codeId }, "Join code"), codeInput), joinButton),
      joinHint,
      joinError,
    ),
  );
  joinForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const name = takeName();
    if (!name) return;
    joinError.textContent = "";
    const checked = normalizeJoinCode(codeInput.value);
    if (!checked.ok) {
      joinError.textContent = checked.error;
      codeInput.focus();
      return;
    }
    codeInput.value = checked.code;
    busy(true);
    try {
      if (!(await tryJoinClass(session, checked.code, name))) session.attach(await joinRoom(session.client, checked.code, name), false);
    } catch (error) {
      joinError.textContent = describeJoinError(error);
      busy(false);
      codeInput.focus();
      return;
    }
    onJoined();
  });

  const classForm = createClassForm(session.levels, (select) => appendLevelOptions(select, session.levels), async () => {
    const name = takeName();
    if (!name) return;
    classForm.error.textContent = "";
    busy(true);
    try {
      await takeClass(session, await createClass(session.client, { name, ...classForm.read() }), "");
    } catch (error) {
      classForm.error.textContent = `Could not start the class: ${describeJoinError(error)}`;
      busy(false);
      return;
    }
    onJoined();
  });

  const makeLevel = h("button", { type: "button" }, "Create a level");
  const makeError = h("p", { class: "error", role: "alert" });
  const card = h(
    "div",
    { class: "card", role: "region", "aria-labelledby": "start-title" },
    h("h1", { id: "start-title" }, "Split ", h("span", {}, "Brain")),
    h("p", { class: "tagline" }, "Run a real distributed system together, then break it and watch it heal."),
    h("div", { class: "field" }, h("label", { for: nameId }, "Your name"), nameInput, nameError),
    createForm,
    joinForm,
    classForm.el,
  );
  // The level editor replaces the card while it is open; it is loaded only then (it brings the simulation).
  let closeEditor: (() => void) | null = null;
  const showCard = () => {
    host.replaceChildren(card);
    host.hidden = false;
    setModal(true);
  };
  const openEditor = (openId?: string) => {
    if (nameInput.value.trim()) session.name = nameInput.value.trim();
    if (!new URLSearchParams(window.location.search).has("edit")) window.history.replaceState(null, "", "?edit");
    import("../editor/editor-screen")
      .then(({ mountEditor }) => {
        closeEditor = mountEditor(host, session, {
          joined: onJoined,
          back: () => {
            closeEditor?.();
            closeEditor = null;
            window.history.replaceState(null, "", window.location.pathname);
            // A level saved in the editor is in the lists now (a room's and a class's).
            for (const select of [levelSelect, classForm.el.querySelector<HTMLSelectElement>("select[name=class-level]")]) {
              if (!select) continue;
              const chosen = select.value;
              select.replaceChildren();
              appendLevelOptions(select, session.levels);
              select.value = chosen;
            }
            showCard();
            makeLevel.focus();
          },
        }, openId);
      })
      .catch((error: unknown) => {
        makeError.textContent = `The editor could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
      });
  };
  makeLevel.addEventListener("click", () => openEditor());
  card.append(h("div", { class: "row make-level" }, makeLevel, h("span", { class: "hint" }, "Write your own level, test it and share it with a link."), makeError));

  const params = new URLSearchParams(window.location.search);
  if (params.has("edit")) openEditor(params.get("edit") || undefined);
  else {
    showCard();
    nameInput.focus();
  }
  // Opened from a level's share link: that level is chosen (the server lists saved levels too).
  const shared = params.get("level");
  if (shared) {
    if (![...levelSelect.options].some((o) => o.value === shared)) levelSelect.append(h("option", { value: shared }, `Shared level ${shared}`));
    levelSelect.value = shared;
    createButton.disabled = false;
    const title = session.levels.find((l) => l.id === shared)?.title ?? shared;
    createError.textContent = "";
    const edit = h("a", { href: `?edit=${encodeURIComponent(shared)}` }, "open it in the level editor");
    createForm.querySelector("legend")?.after(h("p", { class: "hint shared-level" }, `Shared with you: “${title}”. Type your name and press Create room, or `, edit, "."));
  }

  // Opened from a class's link or QR code: the code is filled in; a browser that was in that class goes back in.
  const classCode = normalizeJoinCode(new URLSearchParams(window.location.search).get("class") ?? "");
  if (classCode.ok) {
    codeInput.value = classCode.code;
    setText(joinHint, `Class ${classCode.code}: type your name and press Join room.`);
    busy(true);
    void rejoinClass(session, classCode.code).then((back) => {
      if (back) onJoined();
      else busy(false);
    });
  }
  return () => {
    closeEditor?.();
    closeEditor = null;
    host.replaceChildren();
    host.hidden = true;
    setModal(false);
  };
}

function readSavedName(): string {
  try {
    return localStorage.getItem(NAME_KEY) ?? "";
  } catch {
    return "";
  }
}

function saveName(name: string): void {
  try {
    localStorage.setItem(NAME_KEY, name);
  } catch {
    // Private windows may refuse storage; the name is only a convenience for next time.
  }
}

/**
 * The levels as the picker lists them: the campaign's chapters as option groups, each level numbered, then any
 * level outside the campaign under "More levels", and the levels saved from the editor on this server under "Made here".
 * The first option, the tutorial, is the default.
 */
export function appendLevelOptions(select: HTMLSelectElement, levels: readonly LevelSummary[]): void {
  let group: HTMLOptGroupElement | null = null;
  let groupTitle = "";
  for (const level of levels) {
    const title = level.chapter ?? (level.authored ? "Made here" : "More levels");
    if (!group || title !== groupTitle) {
      groupTitle = title;
      group = h("optgroup", { label: title });
      select.append(group);
    }
    const detail = [level.system, level.concept, level.difficulty > 0 ? `difficulty ${level.difficulty}` : ""].filter(Boolean).join(" · ");
    const name = level.number ? `${level.number}. ${level.title}` : level.title;
    group.append(h("option", { value: level.id }, detail ? `${name} — ${detail}` : name));
  }
}
