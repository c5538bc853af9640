// Safety properties of Kafka's replication, checked after every event:
//   hw-within-isr          a leader's HW never exceeds the LEO of any member of its ISR (what the HW promises:
//                          every in-sync replica has everything below it)
//   committed-agree        below the HW, every ISR member's log matches its leader's, record for record (with
//                          unclean leader election off; turning it on is how Kafka gives this up)
//   one-leader-per-epoch   no two brokers ever lead the same partition under the same leader epoch
//   one-active-controller  no two controllers are Raft leaders in the same term
// A broker's log lives on after a crash (it is durable), so down brokers count too.

import type { Invariant, InvariantView } from "../../sim/types";
import { kafkaNodes } from "./cluster-view";
import type { KafkaNode } from "./node";
import { type Replica, sameMessage } from "./replica";

function leaders(nodes: readonly KafkaNode[], view: InvariantView): { node: KafkaNode; r: Replica }[] {
  const out: { node: KafkaNode; r: Replica }[] = [];
  for (const node of nodes) {
    if (!view.isUp(node.id)) continue;
    for (const r of node.replicas.values()) if (r.role === "leader") out.push({ node, r });
  }
  return out;
}

function hwWithinIsr(): Invariant {
  return {
    name: "hw-within-isr",
    check(view) {
      const nodes = kafkaNodes(view);
      const out: string[] = [];
      for (const { node, r } of leaders(nodes, view)) {
        if (node.image.settings.uncleanLeaderElection) continue;
        for (const b of r.isr) {
          const copy = nodes.find((n) => n.id === b)?.replicas.get(r.tp);
          if (copy && copy.leo() < r.hw) out.push(`${node.id} has HW ${r.hw} on ${r.tp} but ISR member ${b} has only ${copy.leo()} records`);
        }
      }
      return out;
    },
  };
}

/** Full comparison at most once per simulated second (logs grow; a divergence stays until someone truncates). */
function committedAgree(): Invariant {
  let last = Number.NEGATIVE_INFINITY;
  let found: string[] = [];
  return {
    name: "committed-agree",
    check(view) {
      if (view.now - last < 1000) return found;
      last = view.now;
      const nodes = kafkaNodes(view);
      found = [];
      for (const { node, r } of leaders(nodes, view)) {
        if (node.image.settings.uncleanLeaderElection) continue;
        for (const b of r.isr) {
          if (b === node.id) continue;
          const copy = nodes.find((n) => n.id === b)?.replicas.get(r.tp);
          if (!copy) continue;
          const end = Math.min(r.hw, copy.leo());
          for (let o = 0; o < end; o++) {
            const x = r.log[o];
            const y = copy.log[o];
            if (x.epoch !== y.epoch || !sameMessage(x.message, y.message)) {
              found.push(`${r.tp} offset ${o} is below ${node.id}'s HW ${r.hw}, but ISR member ${b} holds a different record there`);
              break;
            }
          }
        }
      }
      return found;
    },
  };
}

function oneLeaderPerEpoch(): Invariant {
  const seen = new Map<string, string>();
  return {
    name: "one-leader-per-epoch",
    check(view) {
      const out: string[] = [];
      const nodes = kafkaNodes(view).filter((n) => view.changed === undefined || view.changed.includes(n.id));
      for (const { node, r } of leaders(nodes, view)) {
        const key = `${r.tp}@${r.leaderEpoch}`;
        const first = seen.get(key);
        if (first === undefined) seen.set(key, node.id);
        else if (first !== node.id) out.push(`${first} and ${node.id} both led ${r.tp} in leader epoch ${r.leaderEpoch}`);
      }
      return out;
    },
  };
}

function oneActiveController(): Invariant {
  const seen = new Map<number, string>();
  return {
    name: "one-active-controller",
    check(view) {
      const out: string[] = [];
      for (const n of kafkaNodes(view)) {
        if (!n.controller || n.controller.raft.state !== "leader") continue;
        const term = n.controller.raft.term;
        const first = seen.get(term);
        if (first === undefined) seen.set(term, n.id);
        else if (first !== n.id) out.push(`${first} and ${n.id} were both active controllers in KRaft epoch ${term}`);
      }
      return out;
    },
  };
}

export function kafkaInvariants(): Invariant[] {
  return [hwWithinIsr(), committedAgree(), oneLeaderPerEpoch(), oneActiveController()];
}
