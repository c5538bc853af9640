// The sequence diagram's messages, read from trace lines: sends, deliveries and the two kinds of drop.

import { describe, expect, it } from "vitest";
import { buildDebrief, firstWindow, messagesIn, windowAround } from "../../../shared/debrief";
import { messagesFromTrace } from "../../../shared/debrief/messages";
import { loadLevel, played } from "./replay-of";

describe("messages from the trace", () => {
  it("pairs each send with its delivery or drop", () => {
    const lines = [
      '[10,"send",1,"n1","n2",12,{"kind":"MsgVote","term":2}]',
      '[10,"drop",2,"n1","n3","cut",{"kind":"MsgVote","term":2}]',
      '[11,"send",3,"n2","n3",14,{"kind":"MsgApp"}]',
      '[11,"timer","n1","election"]',
      '[12,"deliver",1]',
      '[14,"drop",3,"node down"]',
      '[15,"send",4,"n2","n1",17,{"kind":"MsgVoteResp"}]',
    ];
    expect(messagesFromTrace(lines)).toEqual([
      { id: 1, from: "n1", to: "n2", kind: "MsgVote", sentAt: 10, at: 12, dropped: false },
      { id: 2, from: "n1", to: "n3", kind: "MsgVote", sentAt: 10, at: 10, dropped: true, reason: "cut" },
      { id: 3, from: "n2", to: "n3", kind: "MsgApp", sentAt: 11, at: 14, dropped: true, reason: "node down" },
      // Still in flight when the trace ends: its planned arrival.
      { id: 4, from: "n2", to: "n1", kind: "MsgVoteResp", sentAt: 15, at: 17, dropped: false },
    ]);
  });

  it("windows and caps them, counting what the cap left out", () => {
    const lines = Array.from({ length: 10 }, (_, i) => `[${i * 10},"send",${i + 1},"n1","n2",${i * 10 + 5},{"kind":"MsgHeartbeat"}]`);
    const all = messagesFromTrace(lines);
    const window = messagesIn(all, 22, 61, 3);
    expect(window.total).toBe(5); // sent at 30..60, and the one sent at 20 that lands at 25
    expect(window.shown.map((m) => m.sentAt)).toEqual([20, 30, 40]);
  });

  it("shows an election on a real round: votes after the crash of the leader, to the crashed node dropped", () => {
    const level = loadLevel("etcd/first-steps");
    const d = buildDebrief(played("etcd/first-steps", 7, level.solution));
    const election = messagesIn(d.messages, 4000, 5200, 500).shown;
    expect(election.some((m) => m.kind === "MsgVote")).toBe(true);
    expect(election.some((m) => m.kind === "MsgVoteResp")).toBe(true);
    const crashed = d.samples.find((s) => s.t === 4100)?.nodes.find((n) => !n.up)?.id;
    expect(election.filter((m) => m.dropped).every((m) => m.to === crashed && m.reason === "node down")).toBe(true);
    expect(election.some((m) => m.dropped)).toBe(true);
  });
});

describe("the sequence diagram's window", () => {
  it("opens on the election after the first fault, and on a picked moment's aftermath", () => {
    const level = loadLevel("etcd/first-steps");
    const d = buildDebrief(played("etcd/first-steps", 7, level.solution));
    const elected = d.series.marks.find((m) => m.kind === "leader" && m.t > 4000)?.t ?? 0;
    expect(firstWindow(d)).toEqual({ from: elected - 40, to: elected + 20 });
    const inside = messagesIn(d.messages, elected - 40, elected + 20, 500).shown.map((m) => m.kind);
    expect(inside).toEqual(expect.arrayContaining(["MsgPreVote", "MsgVote"]));
    // The restart at 9 s is followed by no election: the window is what came right after it.
    expect(windowAround(d, 9000)).toEqual({ from: 8950, to: 9300 });
  });
});
