// The console's words for one large cluster and for the teacher's own seat.

import { describe, expect, it } from "vitest";
import { modeWords, nodeCount, seatChoices, seatOfChoice, teacherSeatWords } from "../../../client/ui/class/class-words";

const nodes = (n: number) => Array.from({ length: n }, (_, i) => `n${i + 1}`).join(",");

describe("class cluster words", () => {
  it("says how many nodes the one cluster has, and the group size otherwise", () => {
    expect(modeWords({ mode: "whole", groupSize: 5, nodes: nodes(30) })).toBe("one cluster of 30 nodes");
    expect(modeWords({ mode: "whole", groupSize: 5, nodes: "n1" })).toBe("one cluster of 1 node");
    expect(modeWords({ mode: "groups", groupSize: 4, nodes: nodes(30) })).toBe("groups of up to 4");
    expect(nodeCount("")).toBe(0);
  });

  it("lists the seats a teacher may take: roles first, then every node, and reads a choice back", () => {
    const choices = seatChoices("operator,chaos,client,node", "n1,n2");
    expect(choices.map((c) => c.label)).toEqual(["Operator", "Chaos agent", "Client", "Node n1", "Node n2"]);
    expect(seatOfChoice(choices[3].value)).toEqual({ role: "node", node: "n1" });
    expect(seatOfChoice("chaos")).toEqual({ role: "chaos" });
    expect(seatChoices("operator", "n1,n2").map((c) => c.value)).toEqual(["operator"]);
  });

  it("tells the teacher what they play in a group, and nothing where they only host", () => {
    expect(teacherSeatWords({ group: "g2", role: "node", node: "n4" }, "g2")).toBe("You play node n4 here.");
    expect(teacherSeatWords({ group: "g2", role: "chaos", node: "" }, "g2")).toBe("You play chaos agent here.");
    expect(teacherSeatWords({ group: "g2", role: "node", node: "n4" }, "g1")).toBe("");
    expect(teacherSeatWords({ group: "", role: "host", node: "" }, "g1")).toBe("");
  });
});
