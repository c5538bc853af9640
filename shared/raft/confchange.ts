// Cluster membership. The configuration is a function of the applied log: every node starts from the empty
// configuration and applies the same ConfChange entries in the same order, so they all agree on it. A change
// takes effect when it is applied, never when it is merely appended (a change in an uncommitted entry may yet be
// overwritten by another leader).

import type { ConfChange, RaftId } from "./types";

export interface RaftConf {
  /** Members who vote and count toward every quorum, in the order they joined. */
  voters: RaftId[];
  /** Members removed for good: etcd never lets a removed member id back in. */
  removed: RaftId[];
}

export function emptyConf(): RaftConf {
  return { voters: [], removed: [] };
}

/**
 * Why `cc` cannot be proposed against `conf`, in plain words, or undefined when it can. Checked when the change
 * is proposed, like etcd's server does before a member add or remove reaches Raft.
 */
export function confChangeProblem(conf: RaftConf, cc: ConfChange): string | undefined {
  if (cc.change === "add") {
    if (conf.voters.includes(cc.node)) return `${cc.node} is already a member`;
    if (conf.removed.includes(cc.node)) return `${cc.node} was removed from this cluster and cannot rejoin under the same name`;
    return undefined;
  }
  if (!conf.voters.includes(cc.node)) return `${cc.node} is not a member`;
  if (conf.voters.length === 1) return `${cc.node} is the last member; removing it would leave no cluster`;
  return undefined;
}

/**
 * The configuration after applying `cc`. Applying must agree on every node whatever it sees, so a change that
 * no longer makes sense when it is applied (a duplicate, or one that would leave no voter) changes nothing.
 */
export function applyConfChange(conf: RaftConf, cc: ConfChange): RaftConf {
  if (cc.change === "add") {
    if (conf.voters.includes(cc.node) || conf.removed.includes(cc.node)) return conf;
    return { voters: [...conf.voters, cc.node], removed: conf.removed };
  }
  if (!conf.voters.includes(cc.node) || conf.voters.length === 1) return conf;
  return { voters: conf.voters.filter((v) => v !== cc.node), removed: [...conf.removed, cc.node] };
}

export function isConfChange(data: unknown): data is ConfChange {
  if (typeof data !== "object" || data === null) return false;
  const d = data as Record<string, unknown>;
  return (d.change === "add" || d.change === "remove") && typeof d.node === "string";
}
