// The client player's controls: write and read keys like an application would, and see for each operation what
// came back, how long it took in simulated time, which node coordinated it and how the answer was reached, and any
// error in words. A read that returned an older value than a write acknowledged before it began is marked STALE,
// with the value a correct read would have returned. Where any node can coordinate (Cassandra), the player picks
// the coordinator, as a driver's load-balancing policy would. Kafka's put is a producer's send (the answer names the
// partition and offset) and its get a consumer's poll (the answer lists the committed records it read). Redis
// Cluster's are SET and GET, and the note under the answer is the client library's trail of MOVED / ASK redirections.

import type { ClientResultMessage as ClientResult } from "../../../shared/protocol/messages";
import { allowedActions, type GameStateView, sortedValues, splitList } from "../../net/state";
import type { Session } from "../../session";
import { h, setText, syncOptions, uid } from "../dom";
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

/** One line for a completed operation (the STALE part and the note are separate elements); Redis's as its command. */
export function describeClientResult(r: ClientResult, system = ""): string {
  const took = `${Math.round(r.latencyMs)} ms`;
  const via = r.via ? ` via ${r.via}` : "";
  const kafka = describeKafka(r, via, took);
  if (kafka) return kafka;
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

  const unsubscribe = session.commands?.onClientResult((r) => {
    results.prepend(resultItem(r as ClientResult, session.state?.system ?? ""));
    while (results.children.length > KEEP) results.lastElementChild?.remove();
  });
  // Picking a key in the key list makes it the key to read and write.
  const unpick = session.selection.onKeyChange((k) => {
    if (k && document.activeElement !== key) key.value = k;
  });

  const el = h(
    "section",
    { class: "panel", "aria-labelledby": "client-title", "data-panel": "client" },
    h("h2", { id: "client-title" }, "Client"),
    h("div", { class: "row end" }, h("div", { class: "field" }, h("label", { for: keyId }, "Key"), key, keyList), h("div", { class: "field" }, h("label", { for: valueId }, "Value"), value), viaField),
    h("div", { class: "row" }, put, get),
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
      const keys = state.workloadKeys;
      if (keys !== shownKeys) {
        shownKeys = keys;
        // Start on one of the level's own keys (MinIO's objects are named report-1, ...), unless the player typed one.
        const names = splitList(keys);
        if (key.value === "k1" && names.length > 0 && !names.includes("k1") && document.activeElement !== key) key.value = names[0];
        keyList.replaceChildren(...splitList(keys).map((k) => h("option", { value: k })));
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
