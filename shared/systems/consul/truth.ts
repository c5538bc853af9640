// Ground truth for the failure-detection metrics: which nodes were really running when an agent suspected or
// declared one failed. A node cannot know it (that is the whole problem), so this watcher looks from outside:
// after every kernel event the invariant round hands it the nodes that changed; it notes crashes and restarts as
// they happen and reads each agent's newest declarations (memberlist's "Suspect ... has failed" and "Marking ...
// as failed") while they are fresh, judging each against who was up at that moment. summarize() reads the result.
// Keyed by the kernel's view object, so each simulation has its own.

import type { InvariantView, NodeId } from "../../sim/types";
import type { Memberlist } from "./memberlist/memberlist";
import { ConsulNode } from "./node";

export interface Truth {
  up: Map<NodeId, boolean>;
  /** Distinct accusations (node@incarnation) of a running node: suspected, and declared failed. */
  falseSuspicions: Set<string>;
  falseDeaths: Set<string>;
  lastCrash: { node: NodeId; at: number } | null;
  /** Crash of lastCrash until the first agent declared it failed; null until then. */
  detectionMs: number | null;
  readonly cursors: WeakMap<Memberlist, number>;
}

const truths = new WeakMap<object, Truth>();

export function truthOf(view: InvariantView): Truth {
  let t = truths.get(view);
  if (!t) {
    t = { up: new Map(), falseSuspicions: new Set(), falseDeaths: new Set(), lastCrash: null, detectionMs: null, cursors: new WeakMap() };
    truths.set(view, t);
  }
  return t;
}

/** Brings the truth up to date with the nodes that changed since the last round (all nodes when unknown). */
export function observeTruth(view: InvariantView): Truth {
  const t = truthOf(view);
  const ids = view.changed ?? view.nodes;
  for (const id of ids) {
    const up = view.isUp(id) && view.nodes.includes(id);
    const was = t.up.get(id);
    if (was === true && !up) {
      t.lastCrash = { node: id, at: view.now };
      t.detectionMs = null;
    }
    t.up.set(id, up);
  }
  for (const id of ids) {
    const n = view.node(id);
    if (n instanceof ConsulNode) harvest(t, n);
  }
  return t;
}

function harvest(t: Truth, n: ConsulNode): void {
  const decl = n.ml.declarations;
  const seen = t.cursors.get(n.ml) ?? 0;
  for (const d of decl) {
    if (d.seq <= seen) continue;
    const accused = `${d.node}@${d.inc}`;
    if (t.up.get(d.node) === true) (d.kind === "suspect" ? t.falseSuspicions : t.falseDeaths).add(accused);
    if (d.kind === "dead" && t.lastCrash?.node === d.node && t.detectionMs === null && d.t >= t.lastCrash.at) t.detectionMs = d.t - t.lastCrash.at;
  }
  if (decl.length > 0) t.cursors.set(n.ml, decl[decl.length - 1].seq);
}
