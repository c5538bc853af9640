// Which nodes the player has picked, shared by the canvas (click/tap) and the DOM controls (selects, arrow keys).
// Up to two nodes: the first is "the node" (crash, restart) and the start of a link, the second the link's end.
// Also the key the player picked in the key list (its replicas are highlighted on the ring), and the key under the
// pointer or keyboard focus there, which is shown while it lasts.

export class Selection {
  private picked: string[] = [];
  private listeners = new Set<(nodes: readonly string[]) => void>();
  private pickedKey = "";
  private hoveredKey = "";
  private keyListeners = new Set<(key: string) => void>();

  /** The key picked in the key list ("" for none). */
  get key(): string {
    return this.pickedKey;
  }

  /** The key to draw: the one hovered or focused in the list, else the picked one. */
  get shownKey(): string {
    return this.hoveredKey || this.pickedKey;
  }

  /** Pick a key (picking the picked one again un-picks it). */
  toggleKey(key: string): void {
    this.setKey(this.pickedKey === key ? "" : key);
  }

  setKey(key: string): void {
    if (key === this.pickedKey) return;
    this.pickedKey = key;
    for (const listener of this.keyListeners) listener(key);
  }

  hoverKey(key: string): void {
    this.hoveredKey = key;
  }

  onKeyChange(listener: (key: string) => void): () => void {
    this.keyListeners.add(listener);
    return () => this.keyListeners.delete(listener);
  }

  get nodes(): readonly string[] {
    return this.picked;
  }

  /** A click on a node: deselect it if picked, else add it (a third pick starts a new selection). */
  toggle(id: string): void {
    if (this.picked.includes(id)) this.update(this.picked.filter((n) => n !== id));
    else if (this.picked.length >= 2) this.update([id]);
    else this.update([...this.picked, id]);
  }

  /** Set one slot (0 = node / link start, 1 = link end) from a select; "" clears it. */
  setSlot(slot: 0 | 1, id: string): void {
    const next = [...this.picked];
    if (slot === 0 && id === "") {
      next.length = 0;
    } else if (slot === 0) {
      next[0] = id;
      if (next[1] === id) next.splice(1, 1);
    } else if (id === "") {
      next.splice(1, 1);
    } else {
      next[1] = id;
    }
    this.update(next.filter((n): n is string => typeof n === "string" && n !== ""));
  }

  /** Forget nodes that no longer exist. */
  retain(existing: readonly string[]): void {
    const kept = this.picked.filter((n) => existing.includes(n));
    if (kept.length !== this.picked.length) this.update(kept);
  }

  onChange(listener: (nodes: readonly string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private update(next: string[]): void {
    if (next.length === this.picked.length && next.every((n, i) => n === this.picked[i])) return;
    this.picked = next;
    for (const listener of this.listeners) listener(this.picked);
  }
}
