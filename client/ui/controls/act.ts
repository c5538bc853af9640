// Send a message from a control and show the server's `result` next to it: a short confirmation, or the refusal
// in the server's own words (wrong role, budget spent, node is down, ...).

import type { Session } from "../../session";
import { h, setText } from "../dom";

export function statusLine(): HTMLParagraphElement {
  return h("p", { class: "status", role: "status" });
}

export async function act(
  session: Session,
  status: HTMLElement,
  messageType: "action" | "control",
  payload: Record<string, unknown>,
  okText: string,
): Promise<boolean> {
  const commands = session.commands;
  if (!commands) return false;
  delete status.dataset.ok;
  setText(status, "Sending…");
  const result = await commands.send(messageType, payload);
  status.dataset.ok = String(result.ok);
  setText(status, result.ok ? okText : `Refused: ${result.error ?? "the server gave no reason."}`);
  return result.ok;
}

/** A button that runs `run` on click and stays disabled while it waits. */
export function actionButton(label: string, run: () => unknown, className = ""): HTMLButtonElement {
  const button = h("button", { type: "button", class: className }, label);
  button.addEventListener("click", async () => {
    button.dataset.busy = "true";
    try {
      await run();
    } finally {
      delete button.dataset.busy;
    }
  });
  return button;
}
