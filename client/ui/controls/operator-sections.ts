// Operator controls that belong to one system (Redis Cluster's resharding, Kafka's reassignment, ...), each built in
// a file of its own beside this one and listed here. The operator panel shows a section when the level gives the
// operator at least one of its actions, and updates it from every state patch while it shows.

import type { Session } from "../../session";
import type { Panel } from "../panel";
import { COCKROACH_SECTION } from "./cockroach-section";
import { CONSUL_SECTION } from "./consul-section";
import { KAFKA_SECTION } from "./kafka-section";
import { REDIS_SECTION } from "./redis-section";

export interface OperatorSection {
  /** The player actions the section sends: it shows when the level allows any of them. */
  actions: readonly string[];
  /** Builds the section; `status` is the operator panel's status line, for act() to report into. */
  create(session: Session, status: HTMLElement): Panel;
}

export const OPERATOR_SECTIONS: readonly OperatorSection[] = [REDIS_SECTION, KAFKA_SECTION, CONSUL_SECTION, COCKROACH_SECTION];
