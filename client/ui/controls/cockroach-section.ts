// The operator's CockroachDB controls: the database's survival goal (ALTER DATABASE bank SURVIVE ZONE|REGION
// FAILURE), the zone config (CONFIGURE ZONE USING num_replicas, lease_preferences, range_max_bytes, range_min_bytes,
// gc.ttlseconds) through set-config (shared/systems/cockroach/settings.ts), and moving a range's lease to another
// store (ALTER RANGE ... RELOCATE LEASE). The forms start from the settings in force (the summary); each part shows
// only when the level allows its action, and the status line says in words what was asked.

import { allowedActions, type GameStateView, sortedValues } from "../../net/state";
import type { Session } from "../../session";
import { field, h, setText, syncOptions, uid } from "../dom";
import type { Panel } from "../panel";
import { act, actionButton } from "./act";
import type { OperatorSection } from "./operator-sections";

/** The zone config's size and GC settings, with their limits (settings.ts changeSetting). */
const ZONE_NUMBERS: readonly { name: string; min: number; max: number; hint: string }[] = [
  { name: "range-max-bytes", min: 256, max: 2 ** 40, hint: "range_max_bytes: a range larger than this splits in two. At least twice range-min-bytes." },
  { name: "range-min-bytes", min: 0, max: 2 ** 40, hint: "range_min_bytes: a range smaller than this merges with its neighbour. At most half of range-max-bytes." },
  { name: "gc.ttlseconds", min: 1, max: 30 * 24 * 3600, hint: "gc.ttlseconds: old MVCC versions are kept this many seconds for reads in the past, then garbage collected." },
];

const SURVIVAL_WORDS: Record<string, string> = {
  zone: "num_replicas voters in the primary region, one per zone; losing the whole region loses every quorum.",
  region: "5 voters, at most 2 in any region, so losing one region leaves a quorum. Writes wait for another region.",
};

export function createCockroachSection(session: Session, status: HTMLElement): Panel {
  const bad = (text: string) => {
    status.dataset.ok = "false";
    setText(status, text);
    return undefined;
  };
  const rowOf = (...children: HTMLElement[]) => h("div", { class: "row end" }, ...children);
  const setConfig = (setting: string, value: string | number, okText: string) => act(session, status, "action", { action: { type: "set-config", setting, value } }, okText);

  // --- survival goal ---
  const survival = h("select", { id: uid("crdb-survival"), style: "width:9em" });
  syncOptions(survival, [
    { value: "zone", label: "zone failure" },
    { value: "region", label: "region failure" },
  ]);
  const setSurvival = actionButton("Set survival goal", () =>
    setConfig("survival", survival.value, `ALTER DATABASE bank SURVIVE ${survival.value.toUpperCase()} FAILURE: ${SURVIVAL_WORDS[survival.value]} The allocator moves replicas one membership change at a time.`),
  "primary");

  // --- zone config: replicas and lease preference ---
  const replicas = h("input", { id: uid("crdb-num-replicas"), type: "number", min: 1, max: 9, step: 1, value: 3, style: "width:4em" });
  const setReplicas = actionButton("Set num_replicas", () => {
    const n = Number(replicas.value);
    if (!Number.isInteger(n) || n < 1 || n > 9) return bad("num_replicas is a whole number from 1 to 9.");
    return setConfig("num-replicas", n, `CONFIGURE ZONE USING num_replicas = ${n}: the allocator adds or removes replicas until every range has ${n}.`);
  });
  const lease = h("select", { id: uid("crdb-lease-pref"), style: "width:9em" });
  const setLease = actionButton("Set lease preference", () =>
    setConfig(
      "lease-preferences",
      lease.value,
      lease.value === "" ? "CONFIGURE ZONE USING lease_preferences = '[]': leases may stay wherever they are." : `CONFIGURE ZONE USING lease_preferences = '[[+${lease.value}]]': the allocator moves leases to a replica in ${lease.value} while it is alive.`,
    ),
  );
  const zoneNumber = h("select", { id: uid("crdb-zone-setting"), style: "width:10em" });
  syncOptions(zoneNumber, ZONE_NUMBERS.map((z) => ({ value: z.name, label: z.name })));
  const zoneValue = h("input", { id: uid("crdb-zone-value"), type: "number", step: 1, style: "width:8em", placeholder: "value" });
  const zoneHint = h("p", { class: "hint" });
  const showZone = () => {
    const z = ZONE_NUMBERS.find((x) => x.name === zoneNumber.value) ?? ZONE_NUMBERS[0];
    zoneValue.min = String(z.min);
    zoneValue.max = String(z.max);
    setText(zoneHint, `${z.hint} From ${z.min} to ${z.max}.`);
  };
  zoneNumber.addEventListener("change", showZone);
  showZone();
  const setZone = actionButton("Set zone setting", () => {
    const z = ZONE_NUMBERS.find((x) => x.name === zoneNumber.value) ?? ZONE_NUMBERS[0];
    const n = Number(zoneValue.value);
    if (zoneValue.value.trim() === "" || !Number.isSafeInteger(n) || n < z.min || n > z.max) return bad(`${z.name} is a whole number from ${z.min} to ${z.max}.`);
    return setConfig(z.name, n, `CONFIGURE ZONE USING ${z.name.replaceAll("-", "_")} = ${n}.`);
  });
  const inForce = h("p", { class: "hint", "data-crdb": "in-force" });
  const zoneBox = h(
    "fieldset",
    { class: "group", "data-group": "crdb-zone" },
    h("legend", {}, "Survival goal and zone config"),
    rowOf(field("Survive", survival), setSurvival),
    rowOf(field("num_replicas", replicas), setReplicas),
    rowOf(field("Lease preference", lease), setLease),
    rowOf(field("Zone setting", zoneNumber), field("New value", zoneValue), setZone),
    zoneHint,
    inForce,
  );

  // --- lease transfer ---
  const range = h("input", { id: uid("crdb-range"), type: "number", min: 1, max: 10000, step: 1, value: 1, style: "width:5em" });
  const to = h("select", { id: uid("crdb-lease-to") });
  const transfer = actionButton("Transfer lease", () => {
    const r = Number(range.value);
    if (!Number.isInteger(r) || r < 1 || r > 10000) return bad("A range id is a whole number from 1, such as 1 for r1.");
    if (!to.value) return bad("Choose the node that should hold the lease; it must hold a replica of the range.");
    return act(
      session,
      status,
      "action",
      { action: { type: "transfer-lease", range: r, to: to.value } },
      `ALTER RANGE ${r} RELOCATE LEASE TO ${to.value}: the old leaseholder stops serving r${r} at once and ${to.value} starts, so two leaseholders never overlap.`,
    );
  });
  const leaseBox = h(
    "fieldset",
    { class: "group", "data-group": "crdb-transfer-lease" },
    h("legend", {}, "Move a range lease"),
    rowOf(field("Range (r)", range), field("To node", to), transfer),
    h("p", { class: "hint", "data-crdb": "ranges" }),
  );
  const rangesHint = leaseBox.lastElementChild as HTMLElement;

  const el = h("div", { class: "operator-section", "data-section": "cockroach" }, zoneBox, leaseBox);
  let shownKey = "";
  return {
    el,
    update(state: GameStateView) {
      if (state.system !== "cockroach") {
        el.hidden = true;
        return;
      }
      const allowed = allowedActions(state, "operator");
      zoneBox.hidden = !allowed.has("set-config");
      leaseBox.hidden = !allowed.has("transfer-lease");
      const nodes = sortedValues(state.nodes, (n) => n.id);
      const where = (n: (typeof nodes)[number]) => [n.dc, n.rack].filter(Boolean).join(" ");
      syncOptions(to, nodes.map((n) => ({ value: n.id, label: `${n.id}${where(n) ? ` (${where(n)}${n.up ? "" : ", down"})` : n.up ? "" : " (down)"}` })), "choose");
      // Lease preferences name a region or a zone of the cluster.
      const localities = [...new Set([...nodes.map((n) => n.dc), ...nodes.map((n) => n.rack)].filter(Boolean))].sort();
      syncOptions(lease, [{ value: "", label: "none" }, ...localities.map((l) => ({ value: l, label: l }))]);
      const s = state.summary;
      const ranges = Number(s.get("ranges") ?? 0);
      setText(rangesHint, ranges > 0 ? `The keyspace has ${ranges} range${ranges === 1 ? "" : "s"} (ids from r1). The lease can go only to a running node holding a replica of the range.` : "");
      const key = ["survival", "numReplicas", "leasePreference"].map((k) => s.get(k) ?? "").join("|");
      if (key !== shownKey) {
        shownKey = key;
        const focused = document.activeElement;
        const goal = s.get("survival");
        if (goal && focused !== survival) survival.value = goal;
        const n = s.get("numReplicas");
        if (n && focused !== replicas) replicas.value = n;
        if (focused !== lease) lease.value = s.get("leasePreference") ?? "";
        setText(inForce, goal ? `In force: survive ${goal} failure, num_replicas ${n ?? "?"}, lease preference ${s.get("leasePreference") || "none"}.` : "");
      }
    },
  };
}

/** CockroachDB's part of the operator panel (operator-sections.ts). */
export const COCKROACH_SECTION: OperatorSection = { actions: ["set-config", "transfer-lease"], create: createCockroachSection };
