// The top of the teacher's console, sized to be read from the back of a room: the class code in big letters, the
// short link, and a QR code of the full link; how many students are in, and the lock (latecomers are turned away,
// students already in may still come back). Ending the class asks once more first.

import type { ClassStateView } from "../../net/class-state";
import type { ClassLink } from "../../net/class-link";
import { h, setText } from "../dom";
import { classAct } from "./class-act";
import { classUrl, modeWords, shortLink, spokenCode } from "./class-words";
import { qrSvg } from "./qr";

export function createConsoleHeader(link: ClassLink): { el: HTMLElement; update(state: ClassStateView): void } {
  const level = h("p", { class: "tagline" });
  const code = h("p", { class: "class-code" });
  const short = h("strong", { class: "short-link" });
  const qrBox = h("div", { class: "qr-box" });
  const count = h("p", { class: "hint class-count" });
  const status = h("p", { class: "status", role: "status" });
  const lock = h("button", { type: "button", class: "toggle", "aria-pressed": "false" }, "Lock the class");
  lock.addEventListener("click", () => {
    const locked = link.state?.locked ?? false;
    void classAct(status, () => link.control({ op: locked ? "unlock" : "lock" }), locked ? "Unlocked: new students may join." : "Locked: nobody new may join; students already in can come back.");
  });
  const end = h("button", { type: "button", class: "danger" }, "End class");
  const really = h("button", { type: "button", class: "danger", hidden: true }, "Yes, end it for everyone");
  const keep = h("button", { type: "button", hidden: true }, "Keep the class");
  const confirming = (on: boolean) => {
    end.hidden = on;
    really.hidden = !on;
    keep.hidden = !on;
    setText(status, on ? "Ending the class closes every student's screen and every group's game." : "");
    (on ? keep : end).focus();
  };
  end.addEventListener("click", () => confirming(true));
  keep.addEventListener("click", () => confirming(false));
  really.addEventListener("click", () => void link.leave());

  const el = h(
    "header",
    { class: "console-head" },
    h(
      "div",
      { class: "console-title" },
      h("span", { class: "brand" }, "Split ", h("span", {}, "Brain")),
      h("h1", { id: "console-title", tabindex: -1 }, "Class console"),
      level,
      count,
      h("div", { class: "head-actions" }, lock, end, really, keep),
      status,
    ),
    h("div", { class: "join-box" }, h("p", { class: "join-label" }, "Students open ", short, " or type the class code"), code),
    qrBox,
  );
  let qrFor = "";

  return {
    el,
    update(state) {
      setText(level, `${state.levelTitle} · ${modeWords(state)}`);
      setText(code, state.code);
      code.setAttribute("aria-label", `Class code ${spokenCode(state.code)}`);
      setText(short, shortLink(window.location.origin, state.code));
      let students = 0;
      state.roster.forEach((s) => {
        if (!s.host) students++;
      });
      setText(count, `${students} student${students === 1 ? "" : "s"} in · ${state.locked ? "Locked: nobody new may join" : "Open: new students may join"}`);
      lock.setAttribute("aria-pressed", String(state.locked));
      if (qrFor !== state.code && state.code) {
        qrFor = state.code;
        const url = classUrl(window.location.origin, state.code);
        qrBox.replaceChildren(qrSvg(url, `QR code that opens ${url}, the class's join page`));
      }
    },
  };
}
