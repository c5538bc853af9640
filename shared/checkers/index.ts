// Independent history checkers: they read only the Jepsen history a run produced, never the system's internals,
// so a bug in a simulated system cannot hide itself from them.

export { type HistoryEvent, HistoryError, type Operation, type OpStatus, pairOperations, readOperations } from "./history-ops";
export { type CheckOptions, type CheckResult, type CheckStatus, checkHistory, DEFAULT_MAX_STEPS_PER_KEY } from "./linearizability";
export { type SearchFailure, type SearchOp, type SearchResult, searchLinearization, type StepFunction } from "./wgl-search";
