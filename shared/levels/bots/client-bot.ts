// The client bot: the level's workload, started when the round starts. It runs whether or not a person plays a
// client too: it stands for the application's own traffic, which the objectives (writes committed) count on,
// and a person's reads and writes come on top of it.

import type { WorkloadSpec } from "../../sim/types";
import type { Bot, BotHost } from "./bot";

export class ClientBot implements Bot {
  readonly role = "client" as const;
  private started = false;

  constructor(private readonly spec: WorkloadSpec) {}

  nextAt(): number {
    return this.started || this.spec.clients === 0 ? Number.POSITIVE_INFINITY : 0;
  }

  run(host: BotHost): void {
    this.started = true;
    host.startWorkload(this.spec);
  }
}
