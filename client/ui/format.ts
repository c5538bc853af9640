// Plain-words formatting shared by the overlay panels.

/** Simulated milliseconds as m:ss (or m:ss.s under a minute when precision matters). */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${seconds.toString().padStart(2, "0")}`;
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

export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? role;
}
