// The editor's bar of what to do with the level: test-play it, save it to the server (which proves it again and
// gives it an id and a share link), download it as a file, or upload a file. Every outcome is said in the status
// line, which screen readers announce.

import { findJsonSyntaxProblem } from "../../../shared/levels/json-syntax";
import { type SaveResult, uploadLevel } from "../../net/levels";
import { h, setText } from "../dom";
import type { LevelDraft } from "./draft";

export interface SaveBarHooks {
  draft(): LevelDraft;
  /** Problems the browser already sees; saving waits until there are none. */
  problemCount(): number;
  /** Saved: the server's id for the level. */
  saved(result: Extract<SaveResult, { ok: true }>): void;
  /** The server refused: its issues, to show at their fields. */
  refused(issues: { path: string; message: string }[]): void;
  loaded(draft: LevelDraft, fileName: string): void;
  testPlay(id: string): Promise<void>;
  /** Goes to the problem list (saving was refused because of it). */
  showProblems(): void;
}

export interface SaveBar {
  el: HTMLElement;
  say(text: string, ok?: boolean): void;
  /** The level changed: a refusal said about the level before no longer holds. */
  edited(): void;
  showShare(id: string, shareUrl: string): void;
}

export function createSaveBar(hooks: SaveBarHooks): SaveBar {
  const status = h("p", { class: "status", role: "status", id: "ed-save-status" });
  const testPlay = h("button", { type: "button", class: "primary" }, "Test-play");
  const save = h("button", { type: "button" }, "Save to server");
  const download = h("button", { type: "button" }, "Download JSON");
  const upload = h("input", { type: "file", id: "ed-upload", accept: ".json,application/json", class: "ed-file" });
  const shareLink = h("a", { id: "ed-share-link", href: "#" });
  const copy = h("button", { type: "button" }, "Copy link");
  const share = h("p", { class: "ed-share", hidden: true }, "Share link: ", shareLink, " ", copy);

  const say = (text: string, ok?: boolean) => {
    setText(status, text);
    if (ok === undefined) delete status.dataset.ok;
    else status.dataset.ok = String(ok);
  };

  /** Saves; resolves to the server's id, or null (already said why). */
  const saveNow = async (): Promise<string | null> => {
    const count = hooks.problemCount();
    if (count > 0) {
      say(`The level has ${count === 1 ? "a problem" : `${count} problems`}: fix ${count === 1 ? "it" : "them"} before saving.`, false);
      hooks.showProblems();
      return null;
    }
    say("Saving, and letting the server prove the level…");
    const result = await uploadLevel(hooks.draft());
    if (!result.ok) {
      hooks.refused(result.issues);
      say(`Not saved: ${result.error}`, false);
      return null;
    }
    hooks.saved(result);
    const proof = result.proof;
    const verdict = [
      proof.solutionWins === true ? "the solution wins" : proof.solutionWins === false ? "the solution does not win on every seed" : "",
      proof.naiveLoses === true ? "the naive play loses" : proof.naiveLoses === false ? "the naive play does not lose on every seed" : "",
    ].filter(Boolean);
    const proven = proof.solutionWins === true && proof.naiveLoses === true;
    say(`Saved as ${result.id}.${verdict.length > 0 ? ` The server checked it: ${verdict.join(" and ")}.` : ""}${proof.problems.length > 0 ? ` ${proof.problems.join(" ")}` : ""}`, proven || proof.solutionWins === null ? undefined : proven);
    return result.id;
  };

  save.addEventListener("click", () => void saveNow());
  testPlay.addEventListener("click", async () => {
    testPlay.disabled = true;
    try {
      const id = await saveNow();
      if (id) {
        say(`Saved as ${id}. Opening a room to test-play it…`);
        await hooks.testPlay(id);
      }
    } catch (error) {
      say(`Could not open a room: ${error instanceof Error ? error.message : String(error)}`, false);
    } finally {
      testPlay.disabled = false;
    }
  });
  download.addEventListener("click", () => {
    const draft = hooks.draft();
    const blob = new Blob([`${JSON.stringify({ $schema: "../level.schema.json", ...draft }, null, 2)}\n`], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const slug = String(draft.id ?? "level").split("/").pop() || "level";
    const link = h("a", { href: url, download: `${slug}.json`, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    say(`Downloaded ${slug}.json: put it in levels/${String(draft.system ?? "")}/ to ship it with the game.`);
  });
  upload.addEventListener("change", async () => {
    const file = upload.files?.[0];
    if (!file) return;
    const text = await file.text();
    upload.value = "";
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      const where = findJsonSyntaxProblem(text);
      say(`${file.name} is not valid JSON: ${where ? `${where.message} (line ${where.line}, column ${where.column})` : (error as Error).message}. Nothing was changed.`, false);
      return;
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      say(`${file.name} holds ${Array.isArray(parsed) ? "a list" : "no object"}, not a level. Nothing was changed.`, false);
      return;
    }
    const draft = parsed as LevelDraft;
    delete draft.$schema;
    hooks.loaded(draft, file.name);
  });
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(shareLink.href);
      say("The share link is copied.", true);
    } catch {
      say("This browser did not let the page copy: select the link and copy it yourself.");
    }
  });

  const el = h(
    "div",
    { class: "ed-savebar", role: "group", "aria-label": "Save and share" },
    h("div", { class: "row" }, testPlay, save, download, h("label", { class: "ed-file-button", for: upload.id }, upload, "Upload JSON")),
    share,
    status,
  );
  return {
    el,
    say,
    edited() {
      if (status.dataset.ok === "false") say("");
    },
    showShare(id, shareUrl) {
      shareLink.href = new URL(shareUrl, window.location.origin).href;
      setText(shareLink, shareLink.href);
      shareLink.setAttribute("aria-label", `Share link for ${id}`);
      share.hidden = false;
    },
  };
}
