// The class screens' words and arithmetic: what a teacher and students read about seats, groups, votes, tallies,
// the roster and scores.

import { describe, expect, it } from "vitest";
import type { ClassGroupView, StudentView } from "../../../client/net/class-state";
import {
  classUrl,
  groupFacts,
  groupName,
  groupPhase,
  pollChoices,
  pollStage,
  ranked,
  rosterByGroup,
  seatWords,
  shortLink,
  spotlightWords,
  tallyBars,
  voteProgress,
} from "../../../client/ui/class/class-words";

const student = (id: string, name: string, group: string, role = "client", node = ""): StudentView => ({
  studentId: id,
  sessionId: `x${id}`,
  name,
  team: role === "chaos" ? "chaos" : "operators",
  group,
  role,
  node,
  connected: true,
  host: false,
  score: 0,
  actions: 0,
});

const group = (over: Partial<ClassGroupView> = {}): ClassGroupView => ({
  id: "g1",
  gameCode: "ABCDE",
  phase: "running",
  paused: false,
  speed: 1,
  simTime: 83_000,
  outcomeText: "",
  goalsMet: 1,
  goals: 3,
  lossesMet: 0,
  opsOk: 45,
  opsFailed: 5,
  writesLost: 0,
  invariantsBroken: 0,
  score: 64,
  ...over,
});

describe("class words", () => {
  it("names seats and groups as a person would", () => {
    expect(seatWords({ role: "node", node: "n3", host: false })).toBe("Node n3");
    expect(seatWords({ role: "chaos", node: "", host: false })).toBe("Chaos agent");
    expect(seatWords({ role: "host", node: "", host: true })).toBe("Teacher");
    expect(groupName("g12")).toBe("Group 12");
    expect(groupName("")).toBe("No group");
  });

  it("gives every phase a word and a symbol, never only a colour", () => {
    expect(groupPhase({ phase: "running", paused: true })).toEqual({ key: "paused", text: "❚❚ Paused" });
    expect(groupPhase({ phase: "running", paused: false }).text).toBe("▶ Running");
    expect(groupPhase({ phase: "won", paused: false }).text).toBe("✓ Won");
    expect(groupPhase({ phase: "lost", paused: true }).text).toBe("✗ Lost");
    expect(groupPhase({ phase: "lobby", paused: false }).text).toBe("○ Waiting to start");
  });

  it("lists a group's facts, adding losses only when there are some", () => {
    expect(groupFacts(group())).toEqual([
      { label: "Time", value: "1:23" },
      { label: "Goals", value: "1 / 3" },
      { label: "Score", value: "64" },
      { label: "Requests ok", value: "90%" },
    ]);
    const bad = groupFacts(group({ writesLost: 2, invariantsBroken: 1, opsOk: 0, opsFailed: 0 }));
    expect(bad.map((f) => f.label)).toEqual(["Time", "Goals", "Score", "Requests ok", "Writes lost", "Safety broken"]);
    expect(bad[3].value).toBe("none yet");
  });

  it("says where a question stands and how many have voted", () => {
    expect(pollStage({ id: "", open: false, revealed: false })).toBe("none");
    expect(pollStage({ id: "p1", open: true, revealed: false })).toBe("open");
    expect(pollStage({ id: "p1", open: false, revealed: false })).toBe("closed");
    expect(pollStage({ id: "p1", open: false, revealed: true })).toBe("revealed");
    expect(voteProgress(1, 1)).toBe("1 of 1 student voted");
    expect(voteProgress(3, 28)).toBe("3 of 28 students voted");
  });

  it("turns tallies into bars with counts and shares in words, marking the most voted and the viewer's vote", () => {
    const bars = tallyBars(["n2", "n3", "nobody"], [2, 2, 1], 2);
    expect(bars.map((b) => [b.letter, b.count, b.words, b.top, b.mine])).toEqual([
      ["A", 2, "2 votes · 40%", true, false],
      ["B", 2, "2 votes · 40%", true, false],
      ["C", 1, "1 vote · 20%", false, true],
    ]);
    expect(bars[0].share).toBeCloseTo(0.4);
    // Nobody voted: no bar is "the most voted", and nothing divides by zero.
    expect(tallyBars(["yes", "no"], []).map((b) => [b.share, b.top, b.words])).toEqual([
      [0, false, "0 votes · 0%"],
      [0, false, "0 votes · 0%"],
    ]);
  });

  it("checks a question's choices before asking it", () => {
    expect(pollChoices([" n2 ", "", "n3"])).toEqual({ ok: true, choices: ["n2", "n3"] });
    expect(pollChoices(["n2", "  "])).toEqual({ ok: false, error: "Give at least two choices." });
    expect(pollChoices(["Yes", "yes"])).toEqual({ ok: false, error: '"yes" is there twice: make every choice different.' });
  });

  it("groups the roster by the class's group order, by arrival, leaving out the teacher", () => {
    const teacher = { ...student("s0", "Ms R", ""), host: true, role: "host" };
    const roster = [student("s10", "Zoe", "g1"), teacher, student("s2", "Bo", "g2"), student("s3", "Ann", "g1"), student("s4", "Cy", "")];
    expect(rosterByGroup(roster, ["g1", "g2"]).map((g) => [g.label, g.students.map((s) => s.name)])).toEqual([
      ["Group 1", ["Ann", "Zoe"]],
      ["Group 2", ["Bo"]],
      ["Not in a group", ["Cy"]],
    ]);
  });

  it("ranks scores highest first, ties by name", () => {
    const list = [
      { name: "Bo", score: 50 },
      { name: "Ann", score: 50 },
      { name: "Cy", score: 80 },
    ];
    expect(ranked(list, (x) => x.name).map((x) => x.name)).toEqual(["Cy", "Ann", "Bo"]);
  });

  it("builds the join link and its short form", () => {
    expect(classUrl("http://10.0.0.5:2567/", "K7M2Q")).toBe("http://10.0.0.5:2567/?class=K7M2Q");
    expect(shortLink("https://class.example", "K7M2Q")).toBe("class.example/?class=K7M2Q");
  });

  it("tells the spotlit student it is them, and everyone else whose view it is", () => {
    const ada = student("s1", "Ada", "g2", "node", "n3");
    expect(spotlightWords(ada, "s1")).toMatch(/^★ Your screen is on the projector/);
    expect(spotlightWords(ada, "s2")).toBe("★ On the projector: Ada's view (Group 2, node n3).");
    expect(spotlightWords(undefined, "s2")).toBe("");
  });
});
