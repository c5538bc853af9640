// The readable summary `npm run sim` prints without --json: what happened, in the order a person asks about it.

import type { ObjectiveStatus } from "../../shared/levels/objectives";
import type { RunReport } from "../../shared/levels/report";

const TIMELINE_LINES = 40;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

function objectiveLines(objectives: readonly ObjectiveStatus[]): string[] {
  const width = Math.max(...objectives.map((o) => o.id.length));
  return objectives.map((o) => {
    const mark = o.met ? "[x]" : "[ ]";
    const when = o.atMs !== null ? `  (at ${seconds(o.atMs)})` : "";
    return `  ${mark} ${o.id.padEnd(width)}  ${o.text}${when}`;
  });
}

export function formatReport(report: RunReport, objectives: readonly ObjectiveStatus[], title: string): string {
  const lines: string[] = [];
  const flags = Object.entries(report.overrides).map(([k, v]) => ` --set ${k}=${JSON.stringify(v)}`).join("");
  lines.push(`${report.level} "${title}" (${report.system}), seed ${report.seed}, chaos ${report.chaos}${flags}`);
  lines.push(`outcome: ${report.outcome.toUpperCase()} at ${seconds(report.simTimeMs)}${report.outcomeText ? ` - ${report.outcomeText}` : ""}`);
  lines.push("", "objectives", ...objectiveLines(objectives.filter((o) => o.kind === "goal")));
  const lose = objectives.filter((o) => o.kind === "lose");
  if (lose.length > 0) lines.push("losing conditions", ...objectiveLines(lose));

  lines.push("", "invariants");
  for (const inv of report.invariants) {
    lines.push(`  ${inv.ok ? "ok  " : "FAIL"} ${inv.name} (${inv.violations} violation${inv.violations === 1 ? "" : "s"})${inv.first ? `: ${inv.first}` : ""}`);
  }

  lines.push("", "timeline");
  for (const e of report.timeline.slice(0, TIMELINE_LINES)) {
    lines.push(`  ${seconds(e.t).padStart(10)}  ${e.kind.padEnd(9)} ${e.text ?? [e.node, e.term !== undefined ? `term ${e.term}` : ""].filter(Boolean).join(" ")}`);
  }
  if (report.timeline.length > TIMELINE_LINES) lines.push(`  ... ${report.timeline.length - TIMELINE_LINES} more (see --json)`);

  const done = report.history.filter((h) => h.type !== "invoke");
  const count = (type: string) => done.filter((h) => h.type === type).length;
  lines.push("", `history: ${done.length} operations completed (ok ${count("ok")}, fail ${count("fail")}, unknown ${count("info")})`);
  const by = (source: string) => report.inputs.filter((i) => i.by === source).length;
  lines.push(`inputs: ${report.inputs.length} (script ${by("script")}, bots ${by("bot")}, random ${by("random")}, players ${by("player")})`);
  for (const input of report.inputs.slice(0, TIMELINE_LINES)) {
    const { type, ...args } = input.action;
    const detail = Object.entries(args).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`).join(" ");
    const who = `${input.by}/${input.role}${input.node ? ` ${input.node}` : ""}`;
    lines.push(`  ${seconds(input.t).padStart(10)}  ${who.padEnd(14)} ${type}${detail ? ` ${detail}` : ""}`);
  }
  if (report.inputs.length > TIMELINE_LINES) lines.push(`  ... ${report.inputs.length - TIMELINE_LINES} more (see --json)`);
  lines.push(`traceHash: ${report.traceHash}`);
  const speed = report.wallTimeMs > 0 ? `${Math.round(report.simTimeMs / report.wallTimeMs)}x real time` : "instant";
  lines.push(`simulated ${seconds(report.simTimeMs)} in ${seconds(report.wallTimeMs)} of wall time (${speed}), ${report.events} events`);
  return lines.join("\n");
}
