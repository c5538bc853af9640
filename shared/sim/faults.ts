// The one fault vocabulary, shared by every system: what a chaos player, a level script or a random schedule can do
// to a cluster. Jepsen's nemeses in miniature — kill and restart, partitions (symmetric, one-way, grouped),
// slow and lossy links, duplicated packets, clock skew.
//
// checkFault validates an input completely before anything changes, and says what was wrong in plain words; a
// rejected input leaves the simulation untouched. describeFault gives the plain-words line for the timeline.

import type { Network } from "./network";
import type { ClientOp, NodeId, SystemAction, WorkloadSpec } from "./types";
import { ActionError } from "./types";

export type FaultInput =
  | { type: "crash"; node: NodeId }
  | { type: "restart"; node: NodeId }
  /** Cuts both directions unless oneWay, which cuts only from → to. */
  | { type: "cut"; from: NodeId; to: NodeId; oneWay?: boolean }
  /** Both ends: that link (both directions). One end: every link of that node. Neither: the whole network. */
  | { type: "heal"; from?: NodeId; to?: NodeId }
  /** Nodes named in no group form one more group together. Replaces any earlier cuts. */
  | { type: "partition"; groups: NodeId[][] }
  /** Both directions unless oneWay. */
  | { type: "latency"; from: NodeId; to: NodeId; ms: number; jitterMs?: number; oneWay?: boolean }
  | { type: "loss"; from: NodeId; to: NodeId; rate: number; oneWay?: boolean }
  | { type: "duplicate"; rate: number }
  /** Sets the node's clock offset (not cumulative). */
  | { type: "skew"; node: NodeId; ms: number };

export type FaultType = FaultInput["type"];

/** The faults that act on links rather than on one node. */
export type NetworkFault = Exclude<FaultInput, { type: "crash" | "restart" | "skew" }>;

/** A system-specific action, interpreted by the system's applyAction. */
export interface ActionInput {
  type: "action";
  action: SystemAction;
}

/** A player's own client operation (Simulation.clientRequest). */
export interface ClientInput {
  type: "client";
  process: number;
  target: NodeId;
  op: ClientOp;
  /** No answer by then completes the operation as info; default: the simulation's clientTimeoutMs. */
  timeoutMs?: number;
}

/** Starts bot clients, replacing any workload already running. */
export interface WorkloadInput {
  type: "workload";
  spec: WorkloadSpec;
}

/** Bots stop issuing operations; operations in flight still complete or time out. */
export interface StopWorkloadInput {
  type: "stop-workload";
}

/** Everything that changes a run. With the seed, the list of inputs and their times replays the run exactly. */
export type SimInput = FaultInput | ActionInput | ClientInput | WorkloadInput | StopWorkloadInput;

export const FAULT_TYPES: readonly FaultType[] = ["crash", "restart", "cut", "heal", "partition", "latency", "loss", "duplicate", "skew"];

export function isFault(input: SimInput): input is FaultInput {
  return (FAULT_TYPES as readonly string[]).includes(input.type);
}

/** What validation needs to know about the cluster. */
export interface FaultView {
  readonly nodes: readonly NodeId[];
  isUp(node: NodeId): boolean;
}

const MAX_DELAY_MS = 3_600_000;
const MAX_SKEW_MS = 86_400_000;

/** Throws ActionError with a plain-words reason if the fault cannot be applied now. */
export function checkFault(input: FaultInput, view: FaultView): void {
  const node = (field: string, value: unknown): NodeId => knownNode(input.type, field, value, view.nodes);
  switch (input.type) {
    case "crash":
      if (!view.isUp(node("node", input.node))) throw new ActionError(`node ${input.node} is already down`);
      return;
    case "restart":
      if (view.isUp(node("node", input.node))) throw new ActionError(`node ${input.node} is already up`);
      return;
    case "cut":
      twoEnds(input.type, node("from", input.from), node("to", input.to));
      optionalBoolean(input.type, "oneWay", input.oneWay);
      return;
    case "heal":
      if (input.from !== undefined) node("from", input.from);
      if (input.to !== undefined) node("to", input.to);
      if (input.from !== undefined && input.to !== undefined) twoEnds(input.type, input.from, input.to);
      return;
    case "partition":
      partitionSides(input.groups, view.nodes);
      return;
    case "latency":
      twoEnds(input.type, node("from", input.from), node("to", input.to));
      wholeNumber("latency", input.ms, 0, MAX_DELAY_MS);
      if (input.jitterMs !== undefined) wholeNumber("jitter", input.jitterMs, 0, MAX_DELAY_MS);
      optionalBoolean(input.type, "oneWay", input.oneWay);
      return;
    case "loss":
      twoEnds(input.type, node("from", input.from), node("to", input.to));
      rate("loss rate", input.rate);
      optionalBoolean(input.type, "oneWay", input.oneWay);
      return;
    case "duplicate":
      rate("duplication rate", input.rate);
      return;
    case "skew":
      node("node", input.node);
      wholeNumber("clock skew", input.ms, -MAX_SKEW_MS, MAX_SKEW_MS);
      return;
    default:
      throw new ActionError(`unknown fault "${String((input as { type: unknown }).type)}"`);
  }
}

/**
 * The sides of a partition: the named groups, plus one more made of every node no group names.
 * Throws ActionError unless there are at least two non-empty sides and every node is on at most one.
 */
export function partitionSides(groups: unknown, nodes: readonly NodeId[]): NodeId[][] {
  if (!Array.isArray(groups) || groups.length === 0) {
    throw new ActionError('partition needs "groups": a list of groups of nodes, such as [["n1","n2"],["n3"]]');
  }
  const seen = new Set<NodeId>();
  const sides: NodeId[][] = [];
  for (const group of groups) {
    if (!Array.isArray(group) || group.length === 0) throw new ActionError("each partition group must be a non-empty list of nodes");
    for (const id of group) {
      knownNode("partition", "groups", id, nodes);
      if (seen.has(id)) throw new ActionError(`node ${id} is named twice in the partition; a node can be on one side only`);
      seen.add(id);
    }
    sides.push([...group]);
  }
  const rest = nodes.filter((id) => !seen.has(id));
  if (rest.length > 0) sides.push(rest);
  if (sides.length < 2) throw new ActionError("this partition cuts nothing: it puts every node on the same side");
  return sides;
}

/**
 * Applies a checked link fault to the network: a symmetric cut, latency or loss sets both directions; a partition
 * replaces the earlier cuts. Returns what the timeline should record besides the kind and the text.
 */
export function applyNetworkFault(input: NetworkFault, net: Network, nodes: readonly NodeId[]): Record<string, unknown> {
  const both = (set: (from: NodeId, to: NodeId) => void, i: { from: NodeId; to: NodeId; oneWay?: boolean }) => {
    set(i.from, i.to);
    if (!i.oneWay) set(i.to, i.from);
  };
  switch (input.type) {
    case "cut":
      both((a, b) => net.cut(a, b), input);
      return { from: input.from, to: input.to, oneWay: input.oneWay === true };
    case "heal": {
      const { from, to } = input;
      if (from !== undefined && to !== undefined) both((a, b) => net.heal(a, b), { from, to });
      else if (from !== undefined || to !== undefined) net.healNode((from ?? to) as NodeId);
      else net.healAll();
      return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
    }
    case "partition": {
      const sides = partitionSides(input.groups, nodes);
      net.clearCuts();
      for (const side of sides) {
        for (const other of sides) if (other !== side) for (const a of side) for (const b of other) net.cut(a, b);
      }
      return { groups: sides };
    }
    case "latency": {
      const jitterMs = input.jitterMs ?? net.defaults.jitterMs;
      both((a, b) => net.setLatency(a, b, input.ms, jitterMs), input);
      return { from: input.from, to: input.to, ms: input.ms, jitterMs };
    }
    case "loss":
      both((a, b) => net.setLoss(a, b, input.rate), input);
      return { from: input.from, to: input.to, rate: input.rate };
    case "duplicate":
      net.setDuplicate(input.rate);
      return { rate: input.rate };
  }
}

/** The timeline's plain-words line for an applied fault. */
export function describeFault(input: FaultInput, nodes: readonly NodeId[]): string {
  const arrow = (i: { oneWay?: boolean }) => (i.oneWay ? "→" : "↔");
  switch (input.type) {
    case "crash":
      return `${input.node} crashed`;
    case "restart":
      return `${input.node} restarted`;
    case "cut":
      return `link ${input.from}${arrow(input)}${input.to} cut`;
    case "heal":
      if (input.from !== undefined && input.to !== undefined) return `link ${input.from}↔${input.to} healed`;
      if (input.from !== undefined || input.to !== undefined) return `links of ${input.from ?? input.to} healed`;
      return "network healed";
    case "partition":
      return `network partitioned: ${partitionSides(input.groups, nodes)
        .map((side) => side.join(" "))
        .join(" | ")}`;
    case "latency": {
      const jitter = input.jitterMs !== undefined ? ` (+0..${input.jitterMs} ms jitter)` : "";
      return `latency ${input.from}${arrow(input)}${input.to} set to ${input.ms} ms${jitter}`;
    }
    case "loss":
      return `loss on ${input.from}${arrow(input)}${input.to} set to ${percent(input.rate)}`;
    case "duplicate":
      return `message duplication set to ${percent(input.rate)}`;
    case "skew":
      return `${input.node}'s clock skewed by ${input.ms >= 0 ? "+" : ""}${input.ms} ms`;
  }
}

function percent(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`;
}

function knownNode(type: string, field: string, value: unknown, nodes: readonly NodeId[]): NodeId {
  if (value === undefined) throw new ActionError(`${type} needs "${field}": a node such as ${nodes[0] ?? "n1"}`);
  if (typeof value !== "string" || !nodes.includes(value)) {
    throw new ActionError(`unknown node ${JSON.stringify(value)}; the nodes are ${nodes.join(", ") || "(none)"}`);
  }
  return value;
}

function twoEnds(type: string, from: NodeId, to: NodeId): void {
  if (from === to) throw new ActionError(`${type} needs two different nodes, got ${from} at both ends`);
}

function wholeNumber(what: string, value: unknown, min: number, max: number): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new ActionError(`${what} must be a whole number of milliseconds from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
}

function rate(what: string, value: unknown): void {
  if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
    throw new ActionError(`${what} must be a number from 0 to 1, got ${JSON.stringify(value)}`);
  }
}

function optionalBoolean(type: string, field: string, value: unknown): void {
  if (value !== undefined && typeof value !== "boolean") throw new ActionError(`${type}: "${field}" must be true or false`);
}
