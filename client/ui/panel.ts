// A piece of the overlay: built once, then updated in place from each state patch.

import type { GameStateView } from "../net/state";

export interface Panel {
  readonly el: HTMLElement;
  update(state: GameStateView): void;
  destroy?(): void;
}
