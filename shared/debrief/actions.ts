// Who did what during the round: every accepted input, people's and the bots' and the script's, in order.

import type { InputSource } from "../levels/bots/bot";
import type { RoundInput } from "../levels/round";
import type { RoleName } from "../protocol/actions";
import { actionWords, actorWords } from "./words";

export interface ActionRow {
  t: number;
  role: RoleName;
  by: InputSource;
  node?: string;
  /** "the chaos agent", "the chaos bot", "n2's player", ... */
  who: string;
  /** "crash n1", "put k1 = 4", ... */
  what: string;
}

export function actionRows(inputs: readonly RoundInput[]): ActionRow[] {
  return inputs.map((i) => ({
    t: i.t,
    role: i.role,
    by: i.by,
    ...(i.node !== undefined ? { node: i.node } : {}),
    who: actorWords(i.role, i.by, i.node),
    what: actionWords(i.action),
  }));
}
