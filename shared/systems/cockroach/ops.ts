// Client operations: the workload's transfers between random accounts and balance reads of every account, and a
// person's transfer and get. The workload's `keys` count is the number of accounts (set it to the config's
// `accounts`). History values follow GUIDE §4: transfer {from, to, amount}; read's ok value {account: balance}.

import type { Rng } from "../../sim/rng";
import { ActionError, type ClientOp, type PlayerClientAction, type WorkloadSpec } from "../../sim/types";
import { pickWeighted } from "../../sim/workload";

export const COCKROACH_OPS = ["transfer", "read"] as const;

/** Largest amount a workload transfer moves. */
const MAX_AMOUNT = 20;

export function nextCockroachOp(rng: Rng, workload: WorkloadSpec, _counter: number): ClientOp {
  const f = pickWeighted(rng, workload.mix);
  const accounts = Math.max(2, workload.keys.length);
  if (f === "transfer") {
    const from = rng.int(0, accounts);
    const to = (from + rng.int(1, accounts)) % accounts;
    return { f: "transfer", value: { from, to, amount: rng.int(1, MAX_AMOUNT + 1) } };
  }
  if (f === "read") return { f: "read", key: "accounts" };
  throw new ActionError(`CockroachDB's workload runs transfer and read, not "${f}"`);
}

export function cockroachPlayerOp(action: PlayerClientAction): ClientOp | undefined {
  if (action.type === "transfer") {
    if (action.fromAccount === action.toAccount) throw new ActionError("a transfer needs two different accounts");
    return { f: "transfer", value: { from: action.fromAccount, to: action.toAccount, amount: action.amount } };
  }
  if (action.type === "get") {
    if (action.key !== "accounts" && !/^accounts\/\d{1,4}$/.test(action.key)) throw new ActionError('read "accounts" for every balance, or "accounts/N" for one account');
    return { f: "read", key: action.key };
  }
  if (action.type === "put") throw new ActionError("CockroachDB's bank changes balances only by transfers: use transfer {fromAccount, toAccount, amount}");
  return undefined;
}
