// Plain-words formatting shared by the overlay panels.

/** Simulated milliseconds as m:ss (or m:ss.s under a minute when precision matters). */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${seconds.toString().padStart(2, "0")}`;
}

/** Simulated milliseconds as m:ss.s, for moments close together (two writes a few hundred ms apart). */
export function preciseClock(ms: number): string {
  const sign = ms < 0 ? "-" : "";
  const tenths = Math.floor(Math.abs(ms) / 100);
  const minutes = Math.floor(tenths / 600);
  const seconds = (tenths % 600) / 10;
  return `${sign}${minutes}:${seconds.toFixed(1).padStart(4, "0")}`;
}

export function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

export const ROLE_LABELS: Record<string, string> = {
  host: "Host",
  node: "Node",
  operator: "Operator",
  chaos: "Chaos agent",
  client: "Client",
  spectator: "Spectator",
};

/** One sentence per role, shown where the player chooses it. */
export const ROLE_SENTENCES: Record<string, string> = {
  host: "Controls time for everyone: start the round, pause, step one event, change the speed, restart.",
  node: "Be one node of the cluster: see its inbox, force an election timeout, crash and restart yourself.",
  operator: "Run the cluster: write values, hand leadership to another node, add and remove members.",
  chaos: "Attack the cluster: crash nodes, cut links, add latency and loss, within the level's budget.",
  client: "Use the cluster like an application: write and read keys and see the latency and errors you get.",
  spectator: "Watch the round without changing anything.",
};

/** Where a system's roles differ from the sentences above (a Cassandra operator sets consistency, not leaders). */
const SYSTEM_SENTENCES: Record<string, Partial<Record<string, string>>> = {
  cassandra: {
    node: "Be one node of the ring: see the requests you coordinate and the hints you hold for others, crash and restart yourself.",
    operator: "Run the cluster: set the read and write consistency levels and the replication, repair, bootstrap and decommission nodes.",
    chaos: "Attack the cluster: crash nodes, partition the network by datacenter or rack, add latency, skew clocks, within the budget.",
    client: "Use the cluster like an application: pick a coordinator, write and read keys, and see latency, errors and stale answers.",
  },
};

/** The sentence for a role in a given system. */
export function roleSentence(role: string, system: string): string {
  return SYSTEM_SENTENCES[system]?.[role] ?? ROLE_SENTENCES[role] ?? "";
}

export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? role;
}
