// The node player's controls: you are one node. Force your election timeout (Raft), crash or restart yourself, and
// read your private inbox (the messages on their way to you, in words) and your private state (vote and timers for
// Raft; the requests you coordinate and the hints you hold for Cassandra; your role, slots or master and lag, and your
// view of the cluster for Redis Cluster).

import { cockroachWhoWords } from "../hud/cockroach-words";
import { consulWhoWords } from "../hud/consul-words";
import { parseDrives } from "../../game/draw/drives";
import { slotModel } from "../../game/draw/slot-map";
import { pictureKind } from "../../game/pictures/kind";
import { allowedActions, listValues, type NodeView, sortedValues, type GameStateView } from "../../net/state";
import type { Session } from "../../session";
import { h, setChildren, setText } from "../dom";
import { clock } from "../format";
import { redisWhoWords } from "../hud/redis-words";
import type { Panel } from "../panel";
import { act, actionButton, statusLine } from "./act";

export function createNodePanel(session: Session): Panel {
  const status = statusLine();
  const who = h("p", { class: "hint" });
  const detail = h("ul", { class: "inbox", "aria-label": "Your node's private state" });
  const inbox = h("ul", { class: "inbox", "aria-label": "Messages on their way to you" });
  const title = h("span", { class: "aside" });
  const mine = () => session.me()?.node ?? "";

  const timeout = actionButton("Force election timeout", () => act(session, status, "action", { action: { type: "timeout" } }, "Your election timer fired: you are asking for votes."), "primary");
  const crashWords = () =>
    session.state?.system === "cassandra"
      ? "You crashed. Your commit log and SSTables survive on disk; your memtable is lost and replayed from the commit log when you restart."
      : session.state?.system === "minio"
        ? "You crashed. Your drives keep their shards; your heal queue and the requests you were serving are lost."
        : session.state?.system === "redis-cluster"
          ? "You crashed. nodes.conf and your append-only file survive on disk; the others will flag you PFAIL, then FAIL."
          : "You crashed. Your log and vote survive on disk.";
  const crash = actionButton("Crash myself", () => act(session, status, "action", { action: { type: "crash-self" } }, crashWords()), "danger");
  const restart = actionButton("Restart myself", () => act(session, status, "action", { action: { type: "restart-self" } }, "You restarted and rejoin the cluster."), "good");

  const el = h(
    "section",
    { class: "panel", "aria-labelledby": "node-title", "data-panel": "node" },
    h("h2", { id: "node-title" }, "Your node", title),
    who,
    h("div", { class: "row" }, timeout, crash, restart),
    status,
    h("h3", { class: "subhead" }, "Private state"),
    detail,
    h("h3", { class: "subhead" }, "Inbox"),
    inbox,
  );

  let last = "";
  return {
    el,
    update(state: GameStateView) {
      const id = mine();
      const node = state.nodes.get(id);
      const allowed = allowedActions(state, "node");
      timeout.hidden = !allowed.has("timeout");
      crash.hidden = !allowed.has("crash-self");
      restart.hidden = !allowed.has("restart-self");
      setText(title, id);
      setText(who, node ? whoWords(state, node) : "Pick a node to play.");
      const view = state.inbox.get(id);
      const lines = view ? listValues(view.detail) : [];
      const waiting = view ? sortedValues(view.messages, (m) => String(m.arriveAt).padStart(10, "0") + m.id) : [];
      const key = JSON.stringify([lines, waiting.map((m) => [m.id, m.text])]);
      if (key === last) return;
      last = key;
      setChildren(detail, ...(lines.length > 0 ? lines.map(detailItem) : [h("li", { class: "hint" }, "Nothing private to show.")]));
      setChildren(
        inbox,
        ...(waiting.length > 0
          ? waiting.map((m) => h("li", {}, h("strong", {}, `${m.kind} from ${m.from}`), ` (arrives ${clock(m.arriveAt)}): ${m.text}`))
          : [h("li", { class: "hint" }, "No messages on their way to you.")]),
      );
    },
  };
}

/** The node player's one-line status: Raft term and log, or the token ring's place, state and hints. */
export function whoWords(state: GameStateView, node: NodeView): string {
  const kind = pictureKind(state);
  if (kind === "drive-rack") {
    const drives = parseDrives(node.drives);
    const failed = drives.filter((d) => d.state !== "ok").map((d) => `d${d.number}`);
    const heal = node.badges.get("heal") ?? 0;
    const driveWords = `${drives.length} drive${drives.length === 1 ? "" : "s"}${failed.length > 0 ? `, FAILED: ${failed.join(", ")}` : ", all working"}`;
    const healWords = heal > 0 ? ` ${heal} object${heal === 1 ? "" : "s"} in your heal queue.` : " Your heal queue is empty.";
    return `You are server ${node.id}: ${node.up ? "up" : "down (crashed): your drives keep their shards"}. ${driveWords}.${healWords}`;
  }
  if (kind === "slot-map") return redisWhoWords(state, node, slotModel(state));
  if (kind === "gossip") return consulWhoWords(state, node);
  if (kind === "keyspace") return cockroachWhoWords(state, node);
  if (kind === "raft") {
    return `You are ${node.id}: ${node.up ? `${node.role}, term ${node.term}` : "down (crashed)"}. Log ${node.logLength}, committed ${node.commitIndex}.`;
  }
  const place = [node.dc, node.rack].filter(Boolean).join(", ");
  const hints = node.badges.get("hints") ?? 0;
  const held = hints > 0 ? ` You hold ${hints} hint${hints === 1 ? "" : "s"} for nodes that missed writes.` : " You hold no hints.";
  return `You are ${node.id}${place ? ` (${place})` : ""}: ${node.up ? `up, ${node.role || "normal"}` : "down (crashed): your commit log survives, your memtable does not"}.${held}`;
}

/** Plain words for the names systems give their private detail. */
const DETAIL_WORDS: Record<string, string> = {
  coordinating: "Coordinating",
  hints: "Hints you hold",
  believesDown: "You believe down",
  settings: "Your settings",
  lastRepair: "Last repair",
  drives: "Your drives",
  healQueue: "Heal queue",
  requests: "Requests you serve",
  storageClass: "Storage class",
  clusterState: "Your cluster state",
  knownNodes: "Nodes you know",
};

/** One "name: value" line of private detail, its name in words and bold. */
export function detailItem(line: string): HTMLLIElement {
  const at = line.indexOf(": ");
  if (at < 0) return h("li", {}, line);
  const name = line.slice(0, at);
  const rest = line.slice(at + 2);
  return h("li", { "data-detail": name }, h("strong", {}, `${DETAIL_WORDS[name] ?? name}:`), ` ${rest === "none" ? "none right now" : rest === "" ? "none yet" : rest}`);
}
