// Which messages in flight the room's projection shows (server/rooms/projection.ts): every one in a cluster of a
// group's size, and of a large fan-out (a restarted Consul agent push-pulling with all 29 others of a class cluster)
// the FANOUT_SHOWN that land soonest, chosen once and never filled in later. A node player's own inbox still lists
// every message on its way to their node.

import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FANOUT_SHOWN, MESSAGE_LIMIT, Projector } from "../../../server/rooms/projection";
import { roundSource } from "../../../server/rooms/round-source";
import { GameState } from "../../../server/rooms/schema/GameState";
import { readLevelFile } from "../../../server/tools/level-file";
import { growCluster } from "../../../shared/levels/class-cluster";
import { Round } from "../../../shared/levels/round";

const LEVEL = "levels/consul/gossip-tuning.json";
const levelFiles = (system: string) => readdirSync(`levels/${system}`, { withFileTypes: true }).filter((f) => f.isFile() && f.name.endsWith(".json")).map((f) => `levels/${system}/${f.name}`);
const ids = (list: readonly { id: number | string }[]) => list.map((m) => String(m.id)).sort();

/**
 * Runs `nodes` agents for 12 s in 25 ms ticks; `n2` crashes at 2 s and restarts at 6 s, when it rejoins by
 * push-pulling with every other agent. As in the room, an action is projected at once, with what it sent in flight.
 */
function run(nodes: number, each: (round: Round, state: GameState) => void): void {
  const level = growCluster(readLevelFile(LEVEL), nodes);
  const round = new Round({ level, seed: 9, chaos: "level" });
  const state = new GameState();
  const projector = new Projector(state);
  const project = () => {
    projector.project(roundSource(round), new Set(["n5"]));
    each(round, state);
  };
  for (let t = 25; t <= 12_000; t += 25) {
    if (t === 2000) round.act("node", { type: "crash-self" }, { node: "n2" });
    if (t === 6000) {
      round.act("node", { type: "restart-self" }, { node: "n2" });
      project();
    }
    round.advanceTo(t);
    project();
  }
}

describe("messages in flight on the shared screen", () => {
  // Many messages from one node to a few (a CockroachDB store's Raft traffic, a MinIO write's shards) are no fan-out.
  it.each(readdirSync("levels", { withFileTypes: true }).filter((d) => d.isDirectory()).flatMap((d) => levelFiles(d.name)))("are all shown while %s runs at its own size", (file) => {
    const round = new Round({ level: readLevelFile(file), seed: 1, chaos: "level" });
    const state = new GameState();
    const projector = new Projector(state);
    for (let t = 25; t <= 8000 && round.outcome === "unfinished"; t += 25) {
      round.advanceTo(t);
      projector.project(roundSource(round), new Set());
      const flying = round.sim.inFlight();
      if (flying.length <= MESSAGE_LIMIT) expect([...state.messages.keys()].sort(), `at ${t} ms`).toEqual(ids(flying));
    }
  });

  it("are all shown in a cluster of a group's size, rejoin included", () => {
    let seen = 0;
    run(8, (round, state) => {
      const flying = round.sim.inFlight();
      expect([...state.messages.keys()].sort()).toEqual(ids(flying));
      seen += flying.length;
    });
    expect(seen).toBeGreaterThan(0);
  });

  it("show the FANOUT_SHOWN recipients a 29-way push-pull reaches soonest, never fill in the rest, and keep the inbox whole", () => {
    const shownTo = new Map<string, Set<string>>();
    const heldOf = new Map<string, Set<string>>();
    let inboxChecks = 0;
    run(30, (round, state) => {
      const flying = round.sim.inFlight();
      const groups = new Map<string, typeof flying[number][]>();
      for (const m of flying) {
        const key = `${m.from}|${m.kind}|${m.sentAt}`;
        groups.set(key, [...(groups.get(key) ?? []), m]);
      }
      for (const [key, group] of groups) {
        const shown = group.filter((m) => state.messages.has(String(m.id)));
        const held = group.filter((m) => !state.messages.has(String(m.id)));
        const first = !shownTo.has(key);
        const reached = shownTo.get(key) ?? new Set<string>();
        for (const m of shown) reached.add(m.to);
        shownTo.set(key, reached);
        expect(reached.size, `recipients shown of fan-out ${key}`).toBeLessThanOrEqual(FANOUT_SHOWN);
        // A message once held back is never shown later, and none to a recipient the fan-out shows is held.
        for (const id of heldOf.get(key) ?? []) expect(state.messages.has(id), `held ${id} of ${key}`).toBe(false);
        for (const m of held) expect(reached.has(m.to), `held ${m.id} to a shown recipient`).toBe(false);
        heldOf.set(key, new Set([...(heldOf.get(key) ?? []), ...held.map((m) => String(m.id))]));
        // When the fan-out leaves, the recipients it reaches soonest are the ones shown.
        if (first && held.length > 0) {
          const soonest = (to: string) => Math.min(...group.filter((m) => m.to === to).map((m) => m.arriveAt));
          expect(Math.max(...[...reached].map(soonest))).toBeLessThanOrEqual(Math.min(...held.map((m) => m.arriveAt)));
        }
      }
      const toN5 = flying.filter((m) => m.to === "n5");
      expect([...(state.inbox.get("n5")?.messages.keys() ?? [])].sort()).toEqual(ids(toN5));
      inboxChecks += toN5.length;
    });
    const rejoin = [...heldOf].find(([key, held]) => key.startsWith("n2|push-pull|") && held.size > 0);
    expect(rejoin, "n2's rejoin push-pull to the 29 others was capped").toBeDefined();
    expect(shownTo.get(rejoin?.[0] ?? "")?.size).toBe(FANOUT_SHOWN);
    expect(inboxChecks).toBeGreaterThan(0);
  });
});
