// How nodes name each other in redirections. Real Redis answers "-MOVED 3999 127.0.0.1:6381"; with
// cluster-announce-hostname set and cluster-preferred-endpoint-type hostname (Redis 7) it answers
// "-MOVED 3999 <hostname>:6381" instead. Here every node announces its node id as its hostname and listens on the
// default port 6379, so a redirection reads "MOVED 3999 n3:6379" and a player sees at once which node is meant.
// (The fidelity test maps the transcript's 127.0.0.1:1740k to node nk.)

import type { NodeId } from "../../sim/types";

export const PORT = 6379;

export function addressOf(node: NodeId): string {
  return `${node}:${PORT}`;
}

/** The node id of "n3:6379" (or of a bare "n3"); undefined for anything else. */
export function nodeOfAddress(address: string): NodeId | undefined {
  const m = /^([a-z][a-z0-9-]{0,15})(?::(\d+))?$/.exec(address);
  return m ? m[1] : undefined;
}
