// The id the server gives an uploaded level: `<system>/my-<slug>-<6 random characters>`. Authors never choose it,
// so an upload cannot replace a shipped level or another author's; the "my-" and the random tail keep it apart
// from shipped ids and unguessable enough that a share link is the way to find a level. The slug comes from the
// id the author wrote (or the title), so the link still reads as what the level is.

import { randomInt } from "node:crypto";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
const SYSTEM = /^[a-z][a-z0-9-]{0,31}$/;
const MAX_SLUG = 32;

/**
 * A fresh id for the level in `upload` (parsed JSON, not yet validated), one that `taken` does not know.
 * An upload without a usable system gets "level/...": the validation that follows reports its system anyway.
 */
export function authoredId(upload: unknown, taken: (id: string) => boolean, random: (n: number) => number = randomInt): string {
  const fields = typeof upload === "object" && upload !== null ? (upload as Record<string, unknown>) : {};
  const system = typeof fields.system === "string" && SYSTEM.test(fields.system) ? fields.system : "level";
  let written = typeof fields.id === "string" ? fields.id.slice(fields.id.indexOf("/") + 1) : "";
  // A saved level downloaded and uploaded again keeps its name, not a growing chain of random tails.
  if (written.startsWith("my-")) written = written.replace(/-[a-z0-9]{6}$/, "");
  const slug = slugOf(written) || slugOf(typeof fields.title === "string" ? fields.title : "") || "level";
  for (;;) {
    let tail = "";
    for (let i = 0; i < 6; i++) tail += ALPHABET[random(ALPHABET.length)];
    const id = `${system}/my-${slug}-${tail}`;
    if (!taken(id)) return id;
  }
}

/** Lower-case letters, digits and single dashes; accents dropped ("Élection rapide!" -> "election-rapide"). */
function slugOf(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .replace(/^(my-)+/, "")
    .slice(0, MAX_SLUG)
    .replace(/-+$/, "");
}
