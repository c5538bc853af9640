// A bad level file gets an error naming the file, the path inside it and what was expected there, for every
// problem at once, whether the problem is one of shape (the schema) or of meaning (a node that does not exist).

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LevelError } from "../../../shared/levels/errors";
import { findJsonSyntaxProblem } from "../../../shared/levels/json-syntax";
import { parseLevel, parseLevelText } from "../../../shared/levels/load";
import { systemNames } from "../../../shared/systems/registry";

const FILE = "levels/etcd/bad.json";
const good = JSON.parse(readFileSync("levels/etcd/leader-election.json", "utf8")) as Record<string, unknown>;

/** The real level with one change made through `edit`. */
// biome-ignore lint/suspicious/noExplicitAny: the edits write deliberately wrong JSON, which no level type allows.
function variant(edit: (level: any) => void): unknown {
  const copy = structuredClone(good);
  edit(copy);
  return copy;
}

function problems(json: unknown): string[] {
  try {
    parseLevel(json, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(LevelError);
    expect((error as LevelError).file).toBe(FILE);
    return (error as Error).message.split("\n");
  }
  throw new Error("expected the level to be rejected");
}

describe("format versions", () => {
  it("a file without a format is format 1, the first, and loads", () => {
    expect(parseLevel(variant((l) => delete l.format), FILE).format).toBe(1);
  });

  it("a newer format is refused with one reason, not a list of what this game does not understand", () => {
    const lines = problems(
      variant((l) => {
        l.format = 2;
        l.teams = { red: [] };
      }),
    );
    expect(lines).toEqual([`${FILE}: format: this level is written in format 2, newer than this game reads (format 1): update Split Brain to play it`]);
  });

  it("a format that is no version at all is a shape error", () => {
    expect(problems(variant((l) => (l.format = 0)))).toEqual([`${FILE}: format: expected a number at least 1, got 0`]);
  });
});

describe("goals that follow goals", () => {
  it("afterGoal must name a goal listed earlier", () => {
    const lines = problems(
      variant((l) => {
        l.objectives[0].afterGoal = "writes";
        l.lose[0].afterGoal = "nowhere";
      }),
    );
    expect(lines).toContain(`${FILE}: objectives[0].afterGoal: expected the id of a goal listed before this one, got "writes"`);
    expect(lines).toContain(`${FILE}: lose[0].afterGoal: expected the id of a goal listed in objectives (new-leader, writes, hold), got "nowhere"`);
  });
});

describe("shape errors", () => {
  it("a misspelt predicate type lists the vocabulary and what was written", () => {
    const lines = problems(variant((l) => (l.objectives[1].type = "leaderElected")));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^levels\/etcd\/bad\.json: objectives\[1\]\.type: expected one of "leader-elected" \| "writes-committed" \| .*, got "leaderElected"$/);
  });

  it("a missing field, a number out of range and an unknown field are all reported together", () => {
    const lines = problems(
      variant((l) => {
        delete l.title;
        l.difficulty = 7;
        l.objectve = [];
      }),
    );
    expect(lines).toContain(`${FILE}: title: missing: expected a string`);
    expect(lines).toContain(`${FILE}: difficulty: expected a number at most 5, got 7`);
    expect(lines.find((line) => line.startsWith(`${FILE}: objectve: unknown field`))).toBeDefined();
  });

  it("a negative chaos budget and a wrongly typed node list say what they expected", () => {
    const lines = problems(
      variant((l) => {
        l.roles.chaos.budget = -1;
        l.cluster.nodes = "five";
      }),
    );
    expect(lines).toContain(`${FILE}: roles.chaos.budget: expected a number at least 0, got -1`);
    expect(lines).toContain(`${FILE}: cluster.nodes: expected a list or a number, got "five"`);
  });

  it("an action with a bad type inside the script points into the script", () => {
    const lines = problems(variant((l) => (l.script[0].action = { type: "explode", node: "n1" })));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^levels\/etcd\/bad\.json: script\[0\]\.action\.type: expected one of "crash" \| "restart" \| .*, got "explode"$/);
  });

  it("text that is not JSON gives the line and column", () => {
    const text = '{\n  "id": "etcd/x",\n  "title": oops\n}';
    expect(() => parseLevelText(text, FILE)).toThrow(
      'levels/etcd/bad.json: not valid JSON: unexpected "o", expected a value (object, list, string, number, true, false or null) (line 3, column 12)',
    );
    expect(() => parseLevelText('{"id": "etcd/x",}', FILE)).toThrow('not valid JSON: unexpected "}", expected a field name in double quotes (line 1, column 17)');
    expect(() => parseLevelText('{"id": "etcd/x"', FILE)).toThrow('not valid JSON: unexpected end of file, expected "," or "}" (line 1, column 16)');
  });

  it("the syntax scanner agrees with JSON.parse on what is valid", () => {
    const valid = [readFileSync("levels/etcd/leader-election.json", "utf8"), '"a\\u00e9\\n"', "-0.5e+3", " [ ] ", '{"a":[1,{"b":null}],"c":true}'];
    for (const text of valid) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(findJsonSyntaxProblem(text)).toBeNull();
    }
    const invalid = ["", "[1,]", "01", '{"a" 1}', '"tab\there"', "[1] [2]", "{'a': 1}", "tru"];
    for (const text of invalid) {
      expect(() => JSON.parse(text)).toThrow();
      expect(findJsonSyntaxProblem(text)).not.toBeNull();
    }
  });

  it("a file that is not an object at all", () => {
    expect(problems([1, 2])).toEqual([`${FILE}: expected an object, got a list`]);
  });
});

describe("meaning errors", () => {
  it("a script naming a node the cluster does not have", () => {
    const lines = problems(variant((l) => (l.script[0].action.node = "n99")));
    // The level's nodes are its cluster and the members its own steps add (the solution adds n6 to n10).
    expect(lines).toEqual([`${FILE}: script[0].action.node: no node "n99" in this level; it has n1, n2, n3, n4, n5, n6, n7, n8, n9, n10`]);
  });

  it("a setting the system itself rejects is reported at cluster.config, in the system's words", () => {
    const lines = problems(variant((l) => (l.cluster.config.electionMs = 200)));
    expect(lines).toEqual([`${FILE}: cluster.config: --election-timeout[200ms] should be at least as 5 times as --heartbeat-interval[100ms]`]);
    const typo = problems(variant((l) => (l.cluster.config.prevote = true)));
    expect(typo[0]).toMatch(/^levels\/etcd\/bad\.json: cluster\.config: etcd has no setting "prevote"/);
  });

  it("an unregistered system", () => {
    const lines = problems(
      variant((l) => {
        l.system = "mongodb";
        l.id = "mongodb/leader-election";
      }),
    );
    expect(lines).toEqual([`${FILE}: system: no system called "mongodb"; the registered systems are ${systemNames.join(", ")}`]);
    expect(systemNames).toContain("etcd");
  });

  it("a solution step a role may never take, and an action the level does not give the role", () => {
    const lines = problems(
      variant((l) => {
        l.solution[0] = { at: 1000, role: "client", action: { type: "crash", node: "n1" } };
        l.solution[1] = { at: 2000, role: "chaos", action: { type: "skew", node: "n1", ms: 100 } };
      }),
    );
    expect(lines).toContain(`${FILE}: solution[0].role: a client cannot "crash" (only the chaos agent can)`);
    expect(lines).toContain(`${FILE}: solution[1].action.type: roles.chaos.actions does not allow "skew"; it allows "crash", "restart", "cut", "heal", "latency", "loss"`);
  });

  it("a role given an action the role table never allows it", () => {
    const lines = problems(variant((l) => l.roles.operator.actions.push("crash")));
    expect(lines).toEqual([`${FILE}: roles.operator.actions[4]: the operator may never "crash" (only the chaos agent can)`]);
  });

  it("two objectives with one id, survive as a losing condition, and an unknown invariant", () => {
    const lines = problems(
      variant((l) => {
        l.lose[0].id = "writes";
        l.lose.push({ id: "hold-on", type: "survive" });
        l.lose[1].name = "no-such-invariant";
      }),
    );
    expect(lines).toContain(`${FILE}: lose[0].id: id "writes" is already used by objectives[1]`);
    expect(lines).toContain(`${FILE}: lose[2].type: "survive" is a goal; it cannot be a losing condition`);
    expect(lines.find((line) => line.startsWith(`${FILE}: lose[1].name: etcd has no invariant "no-such-invariant"; it has `))).toBeDefined();
  });

  it("a node action without the node it acts on, and a step after the time limit", () => {
    const lines = problems(
      variant((l) => {
        l.solution[0] = { at: 10_000, role: "node", action: { type: "restart-self" } };
        l.naive[0].at = 10_000_000;
      }),
    );
    expect(lines).toContain(`${FILE}: solution[0].node: missing: "restart-self" acts on a node's own behalf, so say which node`);
    expect(lines).toContain(`${FILE}: naive[0].at: expected a time within the time limit (60000 ms), got 10000000`);
  });
});
