// What operators and the chaos agent may do to a MinIO cluster, checked before anything changes:
//   fail-drive      a drive dies (its contents are gone)                                  chaos
//   bitrot          one bit flips in a shard on a drive, silently                          chaos
//   replace-drive   a new, empty drive in a failed drive's slot; healing fills it          operator
//   heal-objects    mc admin heal -r (deep: --scan deep, verifying every shard's hashes)   operator
//   set-parity      the STANDARD storage class: EC:N for objects written from now on       operator

import { type ActionHost, ActionError, type NodeId, type SystemAction } from "../../sim/types";
import { driveId } from "./layout";
import { type MinioCommand, MinioNode } from "./node";

export const MINIO_ACTIONS = ["fail-drive", "bitrot", "replace-drive", "heal-objects", "set-parity"] as const;

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
      const any = nodes[0];
      if (!any) throw new ActionError("there is no MinIO server");
      const parity = action.parity;
      const setSize = any.layout.setSize;
      if (typeof parity !== "number" || !Number.isInteger(parity) || parity < 0 || parity > Math.floor(setSize / 2)) {
        throw new ActionError(`parity must be a whole number from 0 to ${Math.floor(setSize / 2)} (half of the ${setSize}-drive erasure set), got ${JSON.stringify(parity)}`);
      }
      const version = Math.max(...nodes.map((n) => n.config.version)) + 1;
      const up = nodes.filter((n) => host.isUp(n.id));
      if (up.length === 0) throw new ActionError("every server is down: nobody can take the change");
      for (const n of up) command(host, n.id, { kind: "config", config: { version, parity } });
      host.emit({ kind: "settings", text: `the operator set the STANDARD storage class to EC:${parity}: new objects get ${setSize - parity} data + ${parity} parity shards` });
      break;
    }
    default:
      throw new ActionError(`MinIO has no action "${action.type}"; its actions are ${MINIO_ACTIONS.join(", ")}`);
  }
}
