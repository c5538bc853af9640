// Send a teacher's or student's request to the class and show the answer beside the control that sent it: a short
// confirmation, or the refusal in the server's own words.

import type { ResultMessage } from "../../../shared/protocol/messages";
import { setText } from "../dom";

export async function classAct(status: HTMLElement, send: () => Promise<ResultMessage>, okText: string): Promise<boolean> {
  delete status.dataset.ok;
  setText(status, "Sending…");
  const result = await send();
  status.dataset.ok = String(result.ok);
  setText(status, result.ok ? okText : `Refused: ${result.error ?? "the server gave no reason."}`);
  return result.ok;
}
