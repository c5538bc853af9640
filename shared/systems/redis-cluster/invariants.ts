// Safety properties of Redis Cluster, checked after every event (incrementally: only the nodes that changed).
//
//   one-claim-per-config-epoch  no two masters claim the same slot with the same configEpoch. configEpochs are what
//                               decides between competing claims: a replica wins a fresh epoch by a majority vote,
//                               an importing node bumps its own to the greatest. (CLUSTER FAILOVER TAKEOVER bumps
//                               without agreement and can break this: that is why it is for emergencies.)
//   serves-only-owned-slots     a node answers a key command from its own data only for a slot it owns, or one it
//                               imports when the client sent ASKING.
//   replica-follows-master      a replica on its master's replication id holds a prefix of its master's stream:
//                               never an offset beyond it, never a different command at the same offset.

import type { Invariant, InvariantView } from "../../sim/types";
import { RedisNode } from "./node";

function changedNodes(view: InvariantView): RedisNode[] {
  const out: RedisNode[] = [];
  for (const id of view.changed ?? view.nodes) {
    const n = view.node(id);
    if (n instanceof RedisNode) out.push(n);
  }
  return out;
}

function claims(n: RedisNode, slot: number): boolean {
  return n.role === "master" && n.owners[slot] === n.id;
}

function oneClaimPerEpoch(): Invariant {
  // What each node was when last looked at: its epoch, role and how many times it had taken slots. A node's claims
  // are compared with the others' only where they can have changed: all of them when its epoch or role changed,
  // else the slots it took since (a slot a node gives away cannot create a conflict).
  const seen = new Map<RedisNode, { epoch: number; role: string; gains: number }>();
  return {
    name: "one-claim-per-config-epoch",
    check(view) {
      const problems: string[] = [];
      let all: RedisNode[] | undefined;
      for (const n of changedNodes(view)) {
        const last = seen.get(n);
        if (last && last.gains === n.gainSeq && last.epoch === n.configEpoch && last.role === n.role) continue;
        seen.set(n, { epoch: n.configEpoch, role: n.role, gains: n.gainSeq });
        if (n.role !== "master") continue;
        all ??= view.nodes.map((id) => view.node(id)).filter((x): x is RedisNode => x instanceof RedisNode);
        const everything = !last || last.epoch !== n.configEpoch || last.role !== n.role || n.gainSeq - last.gains > 1;
        const slots = everything ? n.slotsOf(n.id) : n.lastGained.map((s) => [s, s] as const);
        for (const [a, b] of slots) {
          for (let s = a; s <= b && problems.length === 0; s++) {
            for (const other of all) {
              if (other !== n && other.configEpoch === n.configEpoch && claims(other, s)) {
                problems.push(`${n.id} and ${other.id} both claim slot ${s} with configEpoch ${n.configEpoch}`);
                break;
              }
            }
          }
        }
      }
      return problems;
    },
  };
}

function servesOnlyOwned(): Invariant {
  return {
    name: "serves-only-owned-slots",
    check(view) {
      const problems: string[] = [];
      for (const n of changedNodes(view)) {
        if (n.servedUnowned > 0) problems.push(`${n.id} served ${n.servedUnowned} command(s) for slots it neither owns nor imports with ASKING`);
      }
      return problems;
    },
  };
}

function replicaFollowsMaster(): Invariant {
  return {
    name: "replica-follows-master",
    check(view) {
      const problems: string[] = [];
      for (const r of changedNodes(view)) {
        if (r.role !== "replica" || !r.master) continue;
        const m = view.node(r.master);
        if (!(m instanceof RedisNode) || m.repl.replid !== r.repl.replid) continue;
        const o = r.repl.offset;
        if (o > m.repl.offset) {
          problems.push(`${r.id} is at offset ${o} of ${m.id}'s stream, which only reaches ${m.repl.offset}`);
          continue;
        }
        const a = r.repl.backlog[o - 1];
        const b = m.repl.backlog[o - 1];
        if (o > 0 && (!a || !b || a.o !== b.o || a.k !== b.k || a.v !== b.v)) {
          problems.push(`${r.id} and its master ${m.id} disagree on the command at offset ${o}`);
        }
      }
      return problems;
    },
  };
}

export function redisClusterInvariants(): Invariant[] {
  return [oneClaimPerEpoch(), servesOnlyOwned(), replicaFollowsMaster()];
}
