// Scores, live: each team's mean score as a bar with its number, and every student in order. Scores come from what
// each group's cluster did (docs/classroom.md, "Scores"), so the list moves as the rounds go.

import type { ClassStateView, StudentView, TeamScoreView } from "../../net/class-state";
import { h, setChildren } from "../dom";
import { groupName, ranked, seatWords, teamWords } from "./class-words";

export function createScoresPanel(): { el: HTMLElement; update(state: ClassStateView): void } {
  const teams = h("ol", { class: "team-scores" });
  const players = h("ol", { class: "player-scores" });
  // The class's results for a spreadsheet: students, teams, groups, points of every ended round, answers (the
  // teacher's rejoin token proves who asks; store/class-exports.ts).
  const exportLink = h("a", { class: "export-link", download: "" }, "Download the class's results (CSV)");
  const el = h(
    "section",
    { class: "console-panel scores-panel", "aria-labelledby": "scores-title" },
    h("h2", { id: "scores-title" }, "Scores"),
    h("h3", { class: "subhead" }, "Teams"),
    teams,
    h("h3", { class: "subhead" }, "Players"),
    players,
    h("p", { class: "hint" }, exportLink, " — points are added when a group's round ends."),
  );
  let lastKey = "";

  return {
    el,
    update(state) {
      let token = "";
      state.mine.forEach((m) => {
        token = m.rejoinToken;
      });
      const href = `/api/classes/${encodeURIComponent(state.code)}/results.csv?token=${encodeURIComponent(token)}`;
      if (exportLink.getAttribute("href") !== href) {
        exportLink.setAttribute("href", href);
        exportLink.setAttribute("download", `${state.code}-class-results.csv`);
      }
      const teamList: TeamScoreView[] = [];
      state.teams.forEach((t) => teamList.push(t));
      const students: StudentView[] = [];
      state.roster.forEach((s) => {
        if (!s.host) students.push(s);
      });
      const key = JSON.stringify([teamList.map((t) => [t.team, t.score, t.members]), students.map((s) => [s.name, s.score, s.group, s.role, s.node])]);
      if (key === lastKey) return;
      lastKey = key;
      setChildren(
        teams,
        ...(teamList.length
          ? ranked(teamList, (t) => t.team).map((t) =>
              h(
                "li",
                {},
                h("span", { class: "score-name" }, t.team),
                h("span", { class: "tally-track", "aria-hidden": "true" }, h("span", { class: "tally-bar", style: `width:${Math.max(0, Math.min(100, t.score))}%` })),
                h("span", { class: "score-value" }, teamWords(t)),
              ),
            )
          : [h("li", { class: "hint" }, "Teams appear once students are in groups.")]),
      );
      setChildren(
        players,
        ...(students.length
          ? ranked(students, (s) => s.name).map((s) => h("li", {}, h("span", { class: "score-name" }, s.name), h("span", { class: "hint" }, `${groupName(s.group)} · ${seatWords(s)}`), h("span", { class: "score-value" }, `${s.score}`)))
          : [h("li", { class: "hint" }, "No students yet.")]),
      );
    },
  };
}
