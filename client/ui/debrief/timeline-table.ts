// The timeline chart in words and tables: a summary sentence (the chart's description for screen readers) and,
// behind a disclosure, every event and every time bucket as rows.

import type { Debrief } from "../../../shared/debrief";
import { seconds } from "../../../shared/debrief/words";
import { h } from "../dom";

export function chartSummary(d: Debrief): string {
  const { buckets, leaders, marks } = d.series;
  const done = buckets.reduce((n, b) => n + b.done, 0);
  const ok = buckets.reduce((n, b) => n + b.ok, 0);
  const worst = buckets.filter((b) => b.availability !== null).sort((a, b) => (a.availability ?? 0) - (b.availability ?? 0))[0];
  const p99 = Math.max(0, ...buckets.map((b) => b.p99 ?? 0));
  const leaderless = leaders.filter((s) => s.leader === null).reduce((n, s) => n + (s.to - s.from), 0);
  const changes = leaders.filter((s) => s.leader !== null).length;
  const count = (...kinds: string[]) => marks.filter((m) => kinds.includes(m.kind)).length;
  const sentences = [`The round ran ${seconds(d.endMs)} and was ${d.outcome === "unfinished" ? "not decided" : d.outcome}.`];
  if (done === 0) sentences.push("No client operation completed.");
  else {
    const fewest = worst ? `, the fewest (${Math.round((worst.availability ?? 0) * 100)}%) between ${seconds(worst.from)} and ${seconds(worst.to)}` : "";
    sentences.push(`${Math.round((ok / done) * 100)}% of ${done} client operations succeeded${fewest}.`);
  }
  if (p99 > 0) sentences.push(`Latency reached ${p99} ms at the 99th percentile.`);
  if (changes > 0) sentences.push(`${plural(changes, "leader")} in turn; no leader for ${seconds(leaderless)} in all.`);
  sentences.push(`${plural(count("fault", "network"), "fault")}, ${plural(count("repair"), "repair")}, ${plural(count("goal"), "goal")} met.`);
  return sentences.join(" ");
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function timelineTables(d: Debrief): HTMLElement {
  const events = h(
    "table",
    { class: "debrief-table" },
    h("caption", {}, "Events"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Time"), h("th", { scope: "col" }, "Kind"), h("th", { scope: "col" }, "What happened"))),
    h("tbody", {}, ...d.series.marks.map((m) => h("tr", {}, h("td", {}, seconds(m.t)), h("td", {}, m.kind), h("td", {}, m.text)))),
  );
  const leaderAt = (t: number) => {
    const span = d.series.leaders.find((s) => s.from <= t && t < s.to);
    return span === undefined ? "—" : (span.leader ?? "none");
  };
  const buckets = h(
    "table",
    { class: "debrief-table" },
    h("caption", {}, `Every ${seconds(d.series.bucketMs)}`),
    h(
      "thead",
      {},
      h("tr", {}, ...["From", "To", "Ops done", "Ops ok", "p50 ms", "p99 ms", "Leader at start"].map((c) => h("th", { scope: "col" }, c))),
    ),
    h(
      "tbody",
      {},
      ...d.series.buckets.map((b) =>
        h(
          "tr",
          {},
          h("td", {}, seconds(b.from)),
          h("td", {}, seconds(b.to)),
          h("td", {}, b.done),
          h("td", {}, b.availability === null ? "—" : `${Math.round(b.availability * 100)}%`),
          h("td", {}, b.p50 ?? "—"),
          h("td", {}, b.p99 ?? "—"),
          h("td", {}, leaderAt(b.from)),
        ),
      ),
    ),
  );
  return h("details", { class: "debrief-tables" }, h("summary", {}, "The timeline as tables"), events, buckets);
}
