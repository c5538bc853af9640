// The client player's controls: write and read keys like an application would, and see for each operation what
// came back, how long it took in simulated time, which node coordinated it and how the answer was reached, and any
// error in words. A read that returned an older value than a write acknowledged before it began is marked STALE,
// with the value a correct read would have returned. Where any node can coordinate (Cassandra), the player picks
// the coordinator, as a driver's load-balancing policy would. Kafka's put is a producer's send (the answer names the
// partition and offset) and its get a consumer's poll (the answer lists the committed records it read). Redis
// Cluster's are SET and GET, and the note under the answer is the client library's trail of MOVED / ASK redirections.
// Consul's clients also ask DNS for a service (web.service.consul): the answer is the addresses served, or NXDOMAIN
// when no instance is healthy. CockroachDB's bank takes transfers between accounts and reads every balance: the
// answer shows the SQL the gateway ran, the balances and their total.

import type { ClientResultMessage as ClientResult } from "../../../shared/protocol/messages";
import { allowedActions, type GameStateView, sortedValues, splitList } from "../../net/state";
import type { Session } from "../../session";
import { field, h, setText, syncOptions, uid } from "../dom";
import { preciseClock } from "../format";
import type { Panel } from "../panel";
import { redirectTrailWords, redisResultWords } from "../hud/redis-words";
import { act, actionButton, statusLine } from "./act";

const KEEP = 30;

const SHA256 = /^[0-9a-f]{64}$/;

/** A value as the player reads it; an object's sha256 (MinIO) shortened to its first and last characters. */
function shown(value: unknown): string {
  if (value === null || value === undefined) return "(not set)";
  if (typeof value === "string" && SHA256.test(value)) return `sha256 ${value.slice(0, 8)}…${value.slice(-4)}`;
  return JSON.stringify(value);
}

interface KafkaRecord {
  partition: number;
  offset: number;
  message: unknown;
}

function isKafkaRecord(v: unknown): v is KafkaRecord {
  return typeof v === "object" && v !== null && typeof (v as KafkaRecord).partition === "number" && typeof (v as KafkaRecord).offset === "number";
}

/** Kafka's answers: a send says where the message went (partition, offset); a poll, what it read and from where. */
function describeKafka(r: ClientResult, via: string, took: string): string | null {
  if (!r.ok) return null;
  if (r.f === "send" && isKafkaRecord(r.value)) {
    const where = r.value.offset < 0 ? `partition ${r.value.partition}, offset unknown (acks=0)` : `partition ${r.value.partition}, offset ${r.value.offset}`;
    return `send ${r.key} = ${shown(r.value.message)} → ${where}${via}: ok in ${took}`;
  }
  if (r.f === "poll" && Array.isArray(r.value)) {
    const records = r.value.filter(isKafkaRecord);
    if (records.length === 0) return `poll ${r.key} → no committed records yet${via} in ${took}`;
    const parts = [...new Set(records.map((x) => x.partition))].sort((a, b) => a - b);
    const offsets = records.map((x) => x.offset);
    return `poll ${r.key} → ${records.length} record${records.length === 1 ? "" : "s"} from partition ${parts.join(", ")}, offsets ${Math.min(...offsets)}–${Math.max(...offsets)}${via} in ${took}`;
  }
  return null;
}

/** A poll's records, newest last, as "offset 12: "m3"" (the last few). */
export function pollRecordWords(r: ClientResult, keep = 8): string {
  if (r.f !== "poll" || !r.ok || !Array.isArray(r.value)) return "";
  const records = r.value.filter(isKafkaRecord);
  const shownRecords = records.slice(-keep).map((x) => `p${x.partition}@${x.offset} ${shown(x.message)}`);
  return shownRecords.length > 0 ? `${records.length > keep ? "… " : ""}${shownRecords.join(", ")}` : "";
}

/** Consul's DNS answer: the addresses served (node names), or NXDOMAIN when DNS has no healthy instance to give. */
function describeDns(r: ClientResult, via: string, took: string): string | null {
  if (r.f !== "dns") return null;
  if (!r.ok) return `dns ${r.key}${via}: failed after ${took}: ${r.error ?? "no reason given"}`;
  const records = Array.isArray(r.value) ? r.value.filter((x): x is string => typeof x === "string") : [];
  if (records.length === 0) return `dns ${r.key} → no healthy instance: NXDOMAIN${via} in ${took}`;
  return `dns ${r.key} → ${records.join(", ")}${via} in ${took}`;
}

/** CockroachDB's balances from a read of "accounts" (or "accounts/N"): account -> balance, in account order. */
export function balancesOf(r: ClientResult): [string, number][] {
  if (r.f !== "read" || !r.ok || typeof r.value !== "object" || r.value === null || Array.isArray(r.value)) return [];
  return Object.entries(r.value as Record<string, unknown>)
    .filter((e): e is [string, number] => typeof e[1] === "number")
    .sort((a, b) => Number(a[0]) - Number(b[0]));
}

interface TransferValue {
  from: number;
  to: number;
  amount: number;
}

/** CockroachDB's answers: a transfer committed (or why not), a read of the balances and their total. */
function describeCockroach(r: ClientResult, via: string, took: string): string | null {
  if (r.f === "transfer") {
    const t = r.value as TransferValue | undefined;
    if (!r.ok) return `transfer${via}: failed after ${took}: ${r.error ?? "no reason given"}`;
    return t ? `transfer ${t.amount} from account ${t.from} to account ${t.to}${via}: committed in ${took}` : `transfer${via}: committed in ${took}`;
  }
  if (r.f === "read") {
    if (!r.ok) return `read ${r.key}${via}: failed after ${took}: ${r.error ?? "no reason given"}`;
    const balances = balancesOf(r);
    const total = balances.reduce((sum, [, b]) => sum + b, 0);
    return `read ${r.key} → ${balances.length} balance${balances.length === 1 ? "" : "s"}, total ${total}${via} in ${took}`;
  }
  return null;
}

/** One line for a completed operation (the STALE part and the note are separate elements); Redis's as its command. */
export function describeClientResult(r: ClientResult, system = ""): string {
  const took = `${Math.round(r.latencyMs)} ms`;
  const via = r.via ? ` via ${r.via}` : "";
  const kafka = describeKafka(r, via, took);
  if (kafka) return kafka;
  const dns = describeDns(r, via, took);
  if (dns) return dns;
  const bank = system === "cockroach" ? describeCockroach(r, via, took) : null;
  if (bank) return bank;
  const redis = system === "redis-cluster" ? redisResultWords(r) : null;
  if (redis) return redis;
  if (!r.ok) return `${r.f} ${r.key}${via}: failed after ${took}: ${r.error ?? "no reason given"}`;
  if (r.f === "get" || r.f === "read") return `${r.f} ${r.key} → ${shown(r.value)}${via} in ${took}`;
  return `${r.f} ${r.key}${r.value !== undefined ? ` = ${shown(r.value)}` : ""}${via}: ok in ${took}`;
}

/** The STALE explanation: what a correct read would have returned, and since when. */
export function staleWords(r: ClientResult): string {
  const when = r.newerAckedAt !== undefined ? ` (acknowledged at ${preciseClock(r.newerAckedAt)}, before this read began)` : "";
  return `a correct read would have returned ${shown(r.newer)} or newer${when}.`;
}

function resultItem(r: ClientResult, system: string): HTMLLIElement {
  const li = h("li", { "data-ok": String(r.ok), "data-stale": String(r.stale === true) }, h("span", { class: "result-line" }, describeClientResult(r, system)));
  // The whole hash on hover and for copying; the line shows it shortened.
  if (typeof r.value === "string" && SHA256.test(r.value)) li.title = `sha256 ${r.value}`;
  if (r.stale) {
    li.append(h("span", { class: "stale-line" }, h("strong", { class: "stale-mark" }, "⚠ STALE"), ` ${staleWords(r)}`));
  }
  const records = pollRecordWords(r);
  if (records) li.append(h("span", { class: "note-line records-line" }, records));
  if (system === "cockroach") {
    const balances = balancesOf(r);
    if (balances.length > 0) {
      const total = balances.reduce((sum, [, b]) => sum + b, 0);
      li.dataset.total = String(total);
      li.append(h("span", { class: "note-line balances-line" }, `balances: ${balances.map(([a, b]) => `#${a} ${b}`).join(", ")} (total ${total})`));
    }
  }
  // Redis's note is the client library's trail of redirections (MOVED, ASK) up to the node that answered.
  if (r.note) li.append(h("span", { class: "note-line" }, system === "redis-cluster" ? redirectTrailWords(r.note) : r.note));
  return li;
}

/** A fresh value for the next write: Jepsen-style checkers need each write's value unique to its key. */
function valueSeed(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "").slice(0, 10);
  return slug || "v";
}

export function createClientPanel(session: Session): Panel {
  const status = statusLine();
  const keyId = uid("cl-key");
  const valueId = uid("cl-value");
  const viaId = uid("cl-via");
  const listId = uid("cl-keys");
  const keyList = h("datalist", { id: listId });
  const key = h("input", { id: keyId, type: "text", value: "k1", style: "width:6em", autocomplete: "off", list: listId });
  let writes = 1;
  const seed = valueSeed(session.name);
  const value = h("input", { id: valueId, type: "text", value: `${seed}-${writes}`, style: "width:8em", autocomplete: "off" });
  const via = h("select", { id: viaId });
  const viaField = h("div", { class: "field" }, h("label", { for: viaId }, "Coordinator"), via);
  const results = h("ol", { class: "results", "aria-label": "Your operations", "aria-live": "polite" });

  const needKey = () => {
    if (key.value.trim()) return key.value.trim();
    status.dataset.ok = "false";
    status.textContent = "Type a key first.";
    return null;
  };
  const withVia = (action: Record<string, unknown>) => (!viaField.hidden && via.value ? { ...action, via: via.value } : action);
  const through = () => (!viaField.hidden && via.value ? ` through ${via.value}` : "");
  const redis = () => session.state?.system === "redis-cluster";
  const put = actionButton("Put", async () => {
    const k = needKey();
    if (!k) return;
    const v = value.value;
    const sent = redis() ? `Sent: SET ${k} = ${JSON.stringify(v)}${through()}.` : `Sent: put ${k} = ${JSON.stringify(v)}${through()}.`;
    const ok = await act(session, status, "action", { action: withVia({ type: "put", key: k, value: v }) }, sent);
    // Suggest a new value, unless the player typed one of their own.
    if (ok && v === `${seed}-${writes}`) {
      writes += 1;
      value.value = `${seed}-${writes}`;
    }
  }, "primary");
  const get = actionButton("Get", () => {
    const k = needKey();
    return k ? act(session, status, "action", { action: withVia({ type: "get", key: k }) }, `Sent: ${redis() ? "GET" : "get"} ${k}${through()}.`) : undefined;
  });

  // Consul: a DNS question, as an application resolving a service would ask its local agent.
  const dnsName = h("input", { id: uid("cl-dns"), type: "text", value: "web.service.consul", style: "width:12em", autocomplete: "off", spellcheck: "false" });
  const dns = actionButton("Query DNS", () => {
    const name = dnsName.value.trim().toLowerCase();
    if (!/^[a-z0-9][a-z0-9.-]{0,127}$/.test(name)) {
      status.dataset.ok = "false";
      setText(status, "Type a DNS name such as web.service.consul.");
      return undefined;
    }
    return act(session, status, "action", { action: withVia({ type: "dns", name }) }, `Asked DNS for ${name}${through()}.`);
  }, "primary");
  const dnsRow = h("div", { class: "row end", "data-client": "dns" }, field("DNS name", dnsName), dns);

  // CockroachDB: move money between two accounts (one SQL transaction), and read every balance.
  const numberInput = (prefix: string, value: number, min: number) => h("input", { id: uid(prefix), type: "number", min, max: 9999, step: 1, value, style: "width:5em" });
  const fromAccount = numberInput("cl-from", 0, 0);
  const toAccount = numberInput("cl-to", 1, 0);
  const amount = numberInput("cl-amount", 10, 1);
  const transfer = actionButton("Transfer", () => {
    const [f, t, a] = [fromAccount, toAccount, amount].map((i) => Number(i.value));
    const last = Number(fromAccount.max);
    const bad = (text: string) => {
      status.dataset.ok = "false";
      setText(status, text);
      return undefined;
    };
    if (![f, t].every((n) => Number.isInteger(n) && n >= 0 && n <= last)) return bad(`Accounts are numbered 0 to ${last}.`);
    if (f === t) return bad("Choose two different accounts.");
    if (!Number.isInteger(a) || a < 1 || a > 1_000_000) return bad("The amount is a whole number of at least 1.");
    return act(
      session,
      status,
      "action",
      { action: withVia({ type: "transfer", fromAccount: f, toAccount: t, amount: a }) },
      `Sent: a transaction moving ${a} from account ${f} to account ${t}${through()}.`,
    );
  }, "primary");
  const readBalances = actionButton("Read balances", () =>
    act(session, status, "action", { action: withVia({ type: "get", key: "accounts" }) }, `Sent: SELECT id, balance FROM accounts${through()}.`),
  );
  const bankRow = h(
    "div",
    { class: "row end", "data-client": "bank" },
    field("From account", fromAccount),
    field("To account", toAccount),
    field("Amount", amount),
    transfer,
    readBalances,
  );

  const unsubscribe = session.commands?.onClientResult((r) => {
    results.prepend(resultItem(r as ClientResult, session.state?.system ?? ""));
    while (results.children.length > KEEP) results.lastElementChild?.remove();
  });
  // Picking a key in the key list makes it the key to read and write.
  const unpick = session.selection.onKeyChange((k) => {
    if (k && document.activeElement !== key) key.value = k;
  });

  const keyRow = h("div", { class: "row end" }, h("div", { class: "field" }, h("label", { for: keyId }, "Key"), key, keyList), h("div", { class: "field" }, h("label", { for: valueId }, "Value"), value), viaField);
  const putGetRow = h("div", { class: "row" }, put, get);
  const el = h(
    "section",
    { class: "panel", "aria-labelledby": "client-title", "data-panel": "client" },
    h("h2", { id: "client-title" }, "Client"),
    keyRow,
    putGetRow,
    dnsRow,
    bankRow,
    status,
    h("h3", { class: "subhead" }, "Your operations"),
    results,
  );
  let shownKeys = "";
  return {
    el,
    update(state: GameStateView) {
      const allowed = allowedActions(state, "client");
      put.hidden = !allowed.has("put");
      get.hidden = !allowed.has("get");
      // Kafka's put is a producer's send, its get a consumer's poll; Redis's are SET and GET: the buttons say so.
      const kafka = state.system === "kafka";
      const redisCluster = state.system === "redis-cluster";
      const putWord = kafka ? "Send" : redisCluster ? "SET" : "Put";
      const getWord = kafka ? "Poll" : redisCluster ? "GET" : "Get";
      if (put.textContent !== putWord) setText(put, putWord);
      if (get.textContent !== getWord) setText(get, getWord);
      // Consul's DNS and CockroachDB's bank; the bank reads with "Read balances" rather than a key.
      const cockroach = state.system === "cockroach";
      dnsRow.hidden = !allowed.has("dns");
      bankRow.hidden = !cockroach || (!allowed.has("transfer") && !allowed.has("get"));
      transfer.hidden = !allowed.has("transfer");
      readBalances.hidden = !allowed.has("get");
      if (cockroach) {
        put.hidden = true;
        get.hidden = true;
      }
      putGetRow.hidden = put.hidden && get.hidden;
      keyRow.hidden = putGetRow.hidden;
      const keys = state.workloadKeys;
      if (keys !== shownKeys) {
        shownKeys = keys;
        // Start on one of the level's own keys (MinIO's objects are named report-1, ...), unless the player typed one.
        const names = splitList(keys);
        // Consul's DNS names are asked with "Query DNS", not read as keys.
        const kvNames = names.filter((k) => !k.endsWith(".consul"));
        if (key.value === "k1" && names.length > 0 && !names.includes("k1") && document.activeElement !== key) key.value = kvNames[0] ?? names[0];
        keyList.replaceChildren(...splitList(keys).map((k) => h("option", { value: k })));
        // Consul's DNS names among the workload's keys; CockroachDB's workload keys count its accounts.
        const dnsNames = names.filter((k) => k.endsWith(".consul"));
        if (dnsNames.length > 0 && document.activeElement !== dnsName) dnsName.value = dnsNames[0];
        const last = String(Math.max(1, names.length - 1));
        for (const input of [fromAccount, toAccount]) input.max = last;
      }
      // Any node coordinates a request where the system places keys on replicas; elsewhere the request finds the
      // leader by itself.
      viaField.hidden = state.keys.size === 0;
      const nodes = sortedValues(state.nodes, (n) => n.id);
      syncOptions(via, [{ value: "", label: "any node (automatic)" }, ...nodes.map((n) => ({ value: n.id, label: n.up ? n.id : `${n.id} (down)` }))]);
    },
    destroy() {
      unsubscribe?.();
      unpick();
    },
  };
}
