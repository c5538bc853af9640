// The operator's Consul controls: the agent settings (gossip_lan's probe interval and timeout, suspicion multiplier,
// ...; the check interval, the clients' read consistency, dns_config.only_passing) set on every running agent at
// once, with the values in force from the summary; registering and deregistering a service instance on an agent;
// and the client token's ACL rule for a KV prefix. Each part shows only when the level allows its action; the
// status line says in words what was asked and what happens next.

import { INTEGER_LIMITS } from "../../../shared/systems/consul/config";
import { allowedActions, type GameStateView, type NodeView, sortedValues } from "../../net/state";
import type { Session } from "../../session";
import { field, h, setText, syncOptions, uid } from "../dom";
import type { Panel } from "../panel";
import { act, actionButton } from "./act";
import type { OperatorSection } from "./operator-sections";

const SERVICE = /^[a-z][a-z0-9-]{0,31}$/;

type Kind = "ms" | "count" | "bool" | "mode";

interface SettingInfo {
  name: string;
  /** The AgentSettings field, for its limits (config.ts INTEGER_LIMITS). */
  field: string;
  kind: Kind;
  hint: string;
}

/** Consul's set-config settings (shared/systems/consul/settings.ts), with what each does. */
export const CONSUL_SETTINGS: readonly SettingInfo[] = [
  { name: "probe-interval", field: "probeIntervalMs", kind: "ms", hint: "gossip_lan probe_interval: each agent probes one member this often." },
  { name: "probe-timeout", field: "probeTimeoutMs", kind: "ms", hint: "probe_timeout: how long a direct probe waits for its ack before indirect probes start. Keep it under the probe interval." },
  { name: "suspicion-mult", field: "suspicionMult", kind: "count", hint: "suspicion_mult: a suspected member has at least this × probe interval (× log10 of the cluster size) to refute before it is declared failed." },
  { name: "suspicion-max-timeout-mult", field: "suspicionMaxTimeoutMult", kind: "count", hint: "suspicion_max_timeout_mult (Lifeguard): the suspicion lasts up to this × its minimum while no other member confirms it." },
  { name: "retransmit-mult", field: "retransmitMult", kind: "count", hint: "retransmit_mult: how many times each gossip message is passed on (× log of the cluster size)." },
  { name: "gossip-nodes", field: "gossipNodes", kind: "count", hint: "gossip_nodes: how many members each gossip round sends to." },
  { name: "gossip-interval", field: "gossipIntervalMs", kind: "ms", hint: "gossip_interval: how often an agent gossips its queued messages." },
  { name: "indirect-checks", field: "indirectChecks", kind: "count", hint: "indirect_checks: how many other members are asked to probe a member that did not answer." },
  { name: "awareness-max-multiplier", field: "awarenessMaxMultiplier", kind: "count", hint: "awareness_max_multiplier (Lifeguard): how far an agent that misses acks slows its own probing." },
  { name: "lifeguard", field: "", kind: "bool", hint: "Lifeguard: local health scaling, suspicion confirmations and nacks. Off gives plain SWIM." },
  { name: "check-interval", field: "checkIntervalMs", kind: "ms", hint: "How often each service instance's health check runs; a new instance passes only once its check has run." },
  { name: "consistency-mode", field: "", kind: "mode", hint: "The clients' KV reads: default (the leader answers), consistent (the leader confirms it still leads first), stale (any server answers)." },
  { name: "dns-only-passing", field: "", kind: "bool", hint: "dns_config.only_passing: true also leaves out instances whose check is warning." },
];

const UNIT: Record<Kind, string> = { ms: "New value (ms)", count: "New value", bool: "New value", mode: "New value" };

/** The values in force, read from the summary (`gossip`, `checkInterval`, `consistencyMode`); missing ones are absent. */
export function consulSettingsInForce(summary: { get(key: string): string | undefined }): Record<string, string> {
  const out: Record<string, string> = {};
  const g = summary.get("gossip") ?? "";
  const grab = (name: string, re: RegExp) => {
    const m = re.exec(g);
    if (m) out[name] = m[1];
  };
  grab("probe-interval", /probe (\d+) ms/);
  grab("probe-timeout", /timeout (\d+) ms/);
  grab("indirect-checks", /(\d+) indirect/);
  grab("suspicion-mult", /suspicion x(\d+)/);
  grab("suspicion-max-timeout-mult", /max x(\d+)/);
  grab("gossip-nodes", /gossip (\d+) every/);
  grab("gossip-interval", /every (\d+) ms/);
  grab("retransmit-mult", /retransmit x(\d+)/);
  const lifeguard = /Lifeguard (on|off)/.exec(g);
  if (lifeguard) out.lifeguard = lifeguard[1] === "on" ? "true" : "false";
  const check = /^(\d+) ms$/.exec(summary.get("checkInterval") ?? "");
  if (check) out["check-interval"] = check[1];
  const mode = summary.get("consistencyMode");
  if (mode) out["consistency-mode"] = mode;
  return out;
}

function agentLabel(n: NodeView): string {
  const kind = n.role.startsWith("server") ? "server" : "client agent";
  return `${n.id} (${kind}${n.up ? "" : ", down"})`;
}

export function createConsulSection(session: Session, status: HTMLElement): Panel {
  const bad = (text: string) => {
    status.dataset.ok = "false";
    setText(status, text);
    return undefined;
  };
  const rowOf = (...children: HTMLElement[]) => h("div", { class: "row end" }, ...children);

  // --- agent settings ---
  const setting = h("select", { id: uid("consul-setting") });
  syncOptions(setting, CONSUL_SETTINGS.map((s) => ({ value: s.name, label: s.name })));
  const number = h("input", { id: uid("consul-setting-number"), type: "number", step: 1, style: "width:7em" });
  const numberLabel = h("label", { for: number.id }, "New value (ms)");
  const numberField = h("div", { class: "field" }, numberLabel, number);
  const flag = h("select", { id: uid("consul-setting-bool"), style: "width:6em" });
  syncOptions(flag, [
    { value: "true", label: "true" },
    { value: "false", label: "false" },
  ]);
  const flagField = field("On or off", flag);
  const mode = h("select", { id: uid("consul-setting-mode"), style: "width:8em" });
  syncOptions(mode, [
    { value: "default", label: "default" },
    { value: "consistent", label: "consistent" },
    { value: "stale", label: "stale" },
  ]);
  const modeField = field("Read mode", mode);
  const settingHint = h("p", { class: "hint", "data-consul": "setting-hint" });
  const inForceLine = h("p", { class: "hint", "data-consul": "in-force" });
  let inForce: Record<string, string> = {};
  const info = () => CONSUL_SETTINGS.find((s) => s.name === setting.value) ?? CONSUL_SETTINGS[0];
  /** Shows the control for the chosen setting, filled with the value in force unless the operator is typing. */
  const showSetting = () => {
    const s = info();
    numberField.hidden = s.kind !== "ms" && s.kind !== "count";
    flagField.hidden = s.kind !== "bool";
    modeField.hidden = s.kind !== "mode";
    const [lo, hi] = INTEGER_LIMITS[s.field] ?? [0, 0];
    if (!numberField.hidden) {
      setText(numberLabel, UNIT[s.kind]);
      number.min = String(lo);
      number.max = String(hi);
    }
    const current = inForce[s.name];
    const limits = s.kind === "ms" ? ` From ${lo} to ${hi} ms.` : s.kind === "count" ? ` A whole number from ${lo} to ${hi}.` : "";
    setText(settingHint, `${s.hint}${limits}${current !== undefined ? ` In force: ${current}${s.kind === "ms" ? " ms" : ""}.` : ""}`);
    if (current === undefined) return;
    const focused = document.activeElement;
    if (!numberField.hidden && focused !== number) number.value = current;
    if (s.kind === "bool" && focused !== flag) flag.value = current;
    if (s.kind === "mode" && focused !== mode) mode.value = current;
  };
  setting.addEventListener("change", showSetting);
  const setConfig = actionButton("Set on every agent", () => {
    const s = info();
    let value: string | number | boolean;
    if (s.kind === "ms" || s.kind === "count") {
      const n = Number(number.value);
      const [lo, hi] = INTEGER_LIMITS[s.field];
      if (number.value.trim() === "" || !Number.isInteger(n) || n < lo || n > hi) {
        return bad(`${s.name} is a whole number${s.kind === "ms" ? " of milliseconds" : ""} from ${lo} to ${hi}.`);
      }
      value = n;
    } else if (s.kind === "bool") {
      value = flag.value === "true";
    } else {
      value = mode.value;
    }
    const shownValue = s.kind === "ms" ? `${value} ms` : String(value);
    return act(session, status, "action", { action: { type: "set-config", setting: s.name, value } }, `Set ${s.name} to ${shownValue} on every running agent.`);
  }, "primary");
  const settingsBox = h(
    "fieldset",
    { class: "group", "data-group": "consul-settings" },
    h("legend", {}, "Agent settings (gossip and health checks)"),
    rowOf(field("Agent setting", setting), numberField, flagField, modeField, setConfig),
    settingHint,
    inForceLine,
  );
  showSetting();

  // --- service instances ---
  const service = h("input", { id: uid("consul-service"), type: "text", value: "web", style: "width:7em", autocomplete: "off" });
  const node = h("select", { id: uid("consul-service-node") });
  const port = h("input", { id: uid("consul-port"), type: "number", min: 1, max: 65535, step: 1, value: 8080, style: "width:6em" });
  const portField = field("Port", port);
  const serviceName = () => {
    const s = service.value.trim().toLowerCase();
    if (!SERVICE.test(s)) return bad("A service name starts with a letter and uses lower-case letters, digits and dashes, such as web.");
    if (!node.value) return bad("Choose the agent (node) the instance runs on.");
    return s;
  };
  const register = actionButton("Register", () => {
    const s = serviceName();
    if (!s) return undefined;
    const p = Number(port.value);
    if (!Number.isInteger(p) || p < 1 || p > 65535) return bad("A port is a whole number from 1 to 65535.");
    return act(
      session,
      status,
      "action",
      { action: { type: "register-service", service: s, node: node.value, port: p } },
      `Registered ${s} on ${node.value} (port ${p}). Its health check starts critical; DNS serves it once the check has run and passed, and the agent has synced it to the catalog.`,
    );
  }, "primary");
  const deregister = actionButton("Deregister", () => {
    const s = serviceName();
    if (!s) return undefined;
    const down = session.state?.nodes.get(node.value)?.up === false;
    return act(
      session,
      status,
      "action",
      { action: { type: "deregister-service", service: s, node: node.value } },
      down
        ? `Removed ${s} on ${node.value} from the catalog through the leader (its agent is down).`
        : `Deregistered ${s} from ${node.value}: its agent removes it from the catalog, and DNS stops serving it.`,
    );
  });
  const serviceBox = h(
    "fieldset",
    { class: "group", "data-group": "consul-services" },
    h("legend", {}, "Service instances"),
    rowOf(field("Service", service), field("On node", node), portField, register, deregister),
    h("p", { class: "hint" }, "DNS answers <service>.service.consul with the instances whose health check is not critical."),
  );

  // --- ACL ---
  const prefix = h("input", { id: uid("consul-acl-prefix"), type: "text", placeholder: "secret/", style: "width:8em", autocomplete: "off", maxlength: 64 });
  const policy = h("select", { id: uid("consul-acl-policy"), style: "width:6em" });
  syncOptions(policy, [
    { value: "read", label: "read" },
    { value: "write", label: "write" },
    { value: "deny", label: "deny" },
  ]);
  const setAcl = actionButton("Set ACL rule", () => {
    const p = prefix.value;
    const words = p === "" ? "every key" : `keys starting with "${p}"`;
    const what = policy.value === "deny" ? "may neither read nor write" : policy.value === "read" ? "may read but not write" : "may read and write";
    return act(
      session,
      status,
      "action",
      { action: { type: "set-acl", prefix: p, policy: policy.value } },
      `The client token now has key_prefix "${p}" { policy = "${policy.value}" }: clients ${what} ${words} (the longest matching prefix wins).`,
    );
  });
  const aclBox = h(
    "fieldset",
    { class: "group", "data-group": "consul-acl" },
    h("legend", {}, "Client token ACL"),
    rowOf(field("Key prefix", prefix), field("Policy", policy), setAcl),
    h("p", { class: "hint" }, "An empty prefix is a rule for every key."),
  );

  const el = h("div", { class: "operator-section", "data-section": "consul" }, settingsBox, serviceBox, aclBox);
  let shownKey = "";
  return {
    el,
    update(state: GameStateView) {
      // Other systems' levels allow set-config too: this section is Consul's only.
      if (state.system !== "consul") {
        el.hidden = true;
        return;
      }
      const allowed = allowedActions(state, "operator");
      settingsBox.hidden = !allowed.has("set-config");
      serviceBox.hidden = !allowed.has("register-service") && !allowed.has("deregister-service");
      register.hidden = !allowed.has("register-service");
      deregister.hidden = !allowed.has("deregister-service");
      portField.hidden = register.hidden;
      aclBox.hidden = !allowed.has("set-acl");
      const nodes = sortedValues(state.nodes, (n) => n.id);
      syncOptions(node, nodes.map((n) => ({ value: n.id, label: agentLabel(n) })), "choose");
      const key = ["gossip", "checkInterval", "consistencyMode"].map((k) => state.summary.get(k) ?? "").join("|");
      if (key !== shownKey) {
        shownKey = key;
        inForce = consulSettingsInForce(state.summary);
        const gossip = state.summary.get("gossip");
        const mode = state.summary.get("consistencyMode");
        const check = state.summary.get("checkInterval");
        setText(inForceLine, gossip ? `In force: ${gossip}; checks every ${check ?? "?"}; ${mode ?? "default"} reads.` : "");
        showSetting();
      }
    },
  };
}

/** Consul's part of the operator panel (operator-sections.ts). */
export const CONSUL_SECTION: OperatorSection = {
  actions: ["set-config", "register-service", "deregister-service", "set-acl"],
  create: createConsulSection,
};
