// The simulation kernel's public API. Rooms, tools, levels and systems import from here (systems may import
// ./types directly: it is the kernel <-> system contract).

export { canonicalJson } from "./canonical-json";
export type { CompletionListener, CompletionNotice } from "./clients";
export { EventQueue } from "./event-queue";
export type { ActionInput, ClientInput, FaultInput, FaultType, FaultView, NetworkFault, SimInput, StopWorkloadInput, WorkloadInput } from "./faults";
export { applyNetworkFault, checkFault, describeFault, FAULT_TYPES, isFault, partitionSides } from "./faults";
export type { HistoryEntry, HistoryType } from "./history";
export { History } from "./history";
export type { LinkRef, NetworkOptions, NetworkState } from "./network";
export { DEFAULT_NETWORK, DROPPED_CUT, DROPPED_LOSS, Network } from "./network";
export { replay } from "./replay";
export { Rng } from "./rng";
export { Sha256, sha256Hex } from "./sha256";
export type {
  InFlightMessage,
  InputRecord,
  InvariantStatus,
  SimulationOptions,
  TimelineEvent,
} from "./simulation";
export { Simulation } from "./simulation";
export { Trace } from "./trace";
export type { TraceHasher, TraceHasherFactory } from "./trace-hasher";
export { createTraceHasher, useTraceHasher } from "./trace-hasher";
export * from "./types";
export type { WorkloadHost } from "./workload";
export { CONNECTION_REFUSED, checkWorkloadSpec, pickWeighted, TIMED_OUT, Workload } from "./workload";
