// Who is a member of the cluster right now, as the round's node references, bots and seat checks need it.
//
// The simulation's node list is every machine it runs, and a system may keep a member it removed there: etcd does,
// because a crashed member that was removed never hears about it and would, if restarted, only learn it and stop.
// Such a node is no longer part of the cluster: "@down" must not name it (it is not a failure to repair), and its
// id cannot be used again (etcd refuses a removed member's name). Systems report a removal on the timeline as an
// event of kind "member-removed" naming the node (the kernel's own "node-removed" means the same); a later
// "member-added" or "node-added" for the same id makes it a member again, for a system that allows that.
//
// The log reads the timeline incrementally (it only grows), so asking often costs nothing.

const REMOVED_KINDS = new Set(["member-removed", "node-removed"]);
const ADDED_KINDS = new Set(["member-added", "node-added"]);

export class MembershipLog {
  private read = 0;
  private readonly gone = new Set<string>();
  /** Every id removed so far, in the order they were removed (an id added back leaves the list). */
  private order: string[] = [];

  /** Reads the timeline entries added since the last call. */
  update(timeline: readonly { kind: string; node?: string }[]): void {
    for (; this.read < timeline.length; this.read++) {
      const { kind, node } = timeline[this.read];
      if (node === undefined) continue;
      if (REMOVED_KINDS.has(kind) && !this.gone.has(node)) {
        this.gone.add(node);
        this.order.push(node);
      } else if (ADDED_KINDS.has(kind) && this.gone.delete(node)) {
        this.order = this.order.filter((n) => n !== node);
      }
    }
  }

  isRemoved(node: string): boolean {
    return this.gone.has(node);
  }

  /** The ids the cluster removed, oldest first. */
  removed(): string[] {
    return [...this.order];
  }

  /** The simulation's nodes that are still members, in the simulation's order. */
  members(nodes: readonly string[]): string[] {
    return nodes.filter((n) => !this.gone.has(n));
  }
}

/**
 * A name for a new member that the cluster has never used: the naming pattern of the existing ids (n1, n2 ... gives
 * n6 next; db-1, db-2 gives db-3), or n<k> when the ids follow no such pattern.
 */
export function freshMemberId(used: readonly string[]): string {
  const numbered = used.map((id) => /^([a-z][a-z-]*?)(\d+)$/.exec(id)).filter((m): m is RegExpExecArray => m !== null);
  const prefix = numbered[0]?.[1] ?? "n";
  const taken = new Set(used);
  let k = 1 + Math.max(0, ...numbered.filter((m) => m[1] === prefix).map((m) => Number(m[2])));
  while (taken.has(`${prefix}${k}`)) k++;
  return `${prefix}${k}`;
}
