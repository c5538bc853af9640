// CockroachDB in words (placeholder): the Raft words the generic ring used.

import type { GameStateView, NodeView } from "../../net/state";
import { type Column, raftColumns } from "./node-table";

export function cockroachClusterWords(state: GameStateView): string {
  return state.leader ? `Leader: ${state.leader}, term ${state.term}.` : `No leader right now (term ${state.term}).`;
}

export function cockroachColumns(_state: GameStateView, _nodes: readonly NodeView[]): Column[] {
  return raftColumns();
}

export function cockroachWhoWords(_state: GameStateView, node: NodeView): string {
  return `You are ${node.id}: ${node.up ? `${node.role}, term ${node.term}` : "down (crashed)"}. Log ${node.logLength}, committed ${node.commitIndex}.`;
}
