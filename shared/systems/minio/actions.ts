// What operators and the chaos agent may do to a MinIO cluster, checked before anything changes:
//   fail-drive      a drive dies (its contents are gone)                                  chaos
//   bitrot          one bit flips in a shard on a drive, silently                          chaos
//   replace-drive   a new, empty drive in a failed drive's slot; healing fills it          operator
//   heal-objects    mc admin heal -r (deep: --scan deep, verifying every shard's hashes)   operator
//   set-parity      the STANDARD storage class: EC:N for objects written from now on       operator
//   add-pool        new servers, with their drives, join as a server pool of their own     operator

import { type ActionHost, ActionError, type NodeId, type SystemAction } from "../../sim/types";
import { driveId, layoutOf } from "./layout";
import { type MinioCommand, MinioNode } from "./node";

export const MINIO_ACTIONS = ["fail-drive", "bitrot", "replace-drive", "heal-objects", "set-parity", "add-pool"] as const;

/** The most servers one added pool may have (a level's cluster stays small enough to draw). */
const MAX_POOL_SERVERS = 8;

function minioNodes(host: ActionHost): MinioNode[] {
  return host.nodes.map((id) => host.node(id)).filter((n): n is MinioNode => n instanceof MinioNode);
}

function server(host: ActionHost, node: unknown): MinioNode {
  const found = minioNodes(host).find((n) => n.id === node);
  if (!found) throw new ActionError(`unknown server ${JSON.stringify(node)}; the servers are ${host.nodes.join(", ")}`);
  if (!host.isUp(found.id)) throw new ActionError(`${found.id} is down: its drives cannot be reached`);
  return found;
}

function drive(n: MinioNode, number: unknown): string {
  if (typeof number !== "number" || !Number.isInteger(number) || number < 1 || number > n.cfg.drivesPerServer) {
    throw new ActionError(`${n.id} has drives 1 to ${n.cfg.drivesPerServer}, not ${JSON.stringify(number)}`);
  }
  return driveId(n.id, number);
}

/** The cluster's newest config (the servers down when it last changed pull it when they start). */
function newestConfig(nodes: readonly MinioNode[]): MinioNode["config"] | undefined {
  return nodes.reduce<MinioNode["config"] | undefined>((best, n) => (!best || n.config.version > best.version ? n.config : best), undefined);
}

function command(host: ActionHost, node: NodeId, c: MinioCommand): void {
  host.command(node, c);
}

export function applyMinioAction(host: ActionHost, action: SystemAction): void {
  switch (action.type) {
    case "fail-drive": {
      const n = server(host, action.node);
      const id = drive(n, action.drive);
      if (n.drives.get(id)?.state === "failed") throw new ActionError(`${id} has already failed`);
      command(host, n.id, { kind: "fail-drive", drive: id });
      break;
    }
    case "bitrot": {
      const n = server(host, action.node);
      const id = drive(n, action.drive);
      if (n.drives.get(id)?.state === "failed") throw new ActionError(`${id} has failed: there is nothing on it to rot`);
      if (action.key !== undefined && typeof action.key !== "string") throw new ActionError("the object to rot is named by a key");
      command(host, n.id, { kind: "bitrot", drive: id, ...(action.key !== undefined ? { object: action.key as string } : {}) });
      break;
    }
    case "replace-drive": {
      const n = server(host, action.node);
      const id = drive(n, action.drive);
      if (n.drives.get(id)?.state !== "failed") throw new ActionError(`${id} works; replace a failed drive`);
      command(host, n.id, { kind: "replace-drive", drive: id });
      break;
    }
    case "heal-objects": {
      const n = minioNodes(host).find((m) => host.isUp(m.id));
      if (!n) throw new ActionError("every server is down: nobody can run the heal");
      command(host, n.id, { kind: "heal", deep: action.deep === true });
      break;
    }
    case "set-parity": {
      const nodes = minioNodes(host);
      const config = newestConfig(nodes);
      const any = nodes[0];
      if (!any || !config) throw new ActionError("there is no MinIO server");
      const parity = action.parity;
      // The storage class must fit every pool's erasure sets (MinIO validates it against each pool).
      const setSize = Math.min(...any.pools.map((p) => p.setSize));
      if (typeof parity !== "number" || !Number.isInteger(parity) || parity < 0 || parity > Math.floor(setSize / 2)) {
        throw new ActionError(`parity must be a whole number from 0 to ${Math.floor(setSize / 2)} (half of the ${setSize}-drive erasure set), got ${JSON.stringify(parity)}`);
      }
      const up = nodes.filter((n) => host.isUp(n.id));
      if (up.length === 0) throw new ActionError("every server is down: nobody can take the change");
      for (const n of up) command(host, n.id, { kind: "config", config: { ...config, version: config.version + 1, parity } });
      host.emit({ kind: "settings", text: `the operator set the STANDARD storage class to EC:${parity}: new objects get ${setSize - parity} data + ${parity} parity shards` });
      break;
    }
    case "add-pool": {
      const nodes = minioNodes(host);
      const config = newestConfig(nodes);
      const any = nodes[0];
      if (!any || !config) throw new ActionError("there is no MinIO server");
      const names = action.nodes;
      if (!Array.isArray(names) || names.length === 0 || names.length > MAX_POOL_SERVERS || names.some((n) => typeof n !== "string")) {
        throw new ActionError(`a new pool needs 1 to ${MAX_POOL_SERVERS} server names`);
      }
      const servers = names as string[];
      const taken = servers.find((s, i) => host.nodes.includes(s) || servers.indexOf(s) !== i);
      if (taken !== undefined) throw new ActionError(`${taken} is already a server of this cluster; name the new pool's servers afresh`);
      const pool = layoutOf(servers, any.cfg.drivesPerServer, config.pools.length);
      if (config.parity !== null && config.parity > Math.floor(pool.setSize / 2)) {
        throw new ActionError(`the new pool's erasure sets would have ${pool.setSize} drives, too few for the storage class EC:${config.parity} (at most EC:${Math.floor(pool.setSize / 2)}); add more servers or lower the parity first`);
      }
      const up = nodes.filter((n) => host.isUp(n.id));
      if (up.length === 0) throw new ActionError("every server is down: nobody can take the change");
      for (const s of servers) host.addNode(s);
      const next = { ...config, version: config.version + 1, pools: [...config.pools, servers] };
      for (const s of [...up.map((n) => n.id), ...servers]) command(host, s, { kind: "config", config: next });
      host.emit({
        kind: "pool-added",
        text: `the operator added pool ${next.pools.length} (${servers.join(", ")}: ${pool.drives.length} drives in ${pool.sets.length} erasure set${pool.sets.length === 1 ? "" : "s"} of ${pool.setSize}); new objects go to a pool in proportion to its free space, objects already stored stay where they are`,
      });
      break;
    }
    default:
      throw new ActionError(`MinIO has no action "${action.type}"; its actions are ${MINIO_ACTIONS.join(", ")}`);
  }
}
