// etcd's key-value layer: the MVCC store and the commands that the Raft log carries to it.

export { applyCommand, isKvCommand, type KvCommand, type KvResult, type RequestRef, requestKey } from "./commands";
export {
  type Compare,
  type CompareOp,
  ERR_COMPACTED,
  ERR_FUTURE_REV,
  type KeyValue,
  MvccError,
  MvccStore,
  sameValue,
  type TxnOp,
  type TxnOpResult,
  type TxnResult,
} from "./mvcc";
