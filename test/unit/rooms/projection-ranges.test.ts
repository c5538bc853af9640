// The room's projection of CockroachDB ranges: a change of lease, leader, replicas or span reaches the screen on the
// tick it happens, while intents and transaction records (which change with every transfer) are sent at most every
// RANGE_CHURN_MS of simulated time, and the last value always arrives once time moves on.

import { describe, expect, it } from "vitest";
import { Round } from "../../../shared/levels/round";
import { Projector, RANGE_CHURN_MS } from "../../../server/rooms/projection";
import { roundSource } from "../../../server/rooms/round-source";
import { GameState } from "../../../server/rooms/schema/GameState";
import { readLevelFile } from "../../../server/tools/level-file";

type Ranges = { range: number; leaseholder: string | null; leader: string | null; replicas: string[]; span: string }[];
const shape = (text: string) => JSON.stringify((JSON.parse(text || "[]") as Ranges).map(({ range, leaseholder, leader, replicas, span }) => ({ range, leaseholder, leader, replicas, span })));

describe("projected CockroachDB ranges", () => {
  it("send structure at once and churn at most every RANGE_CHURN_MS, ending on the store's own view", () => {
    const level = readLevelFile("levels/cockroach/lease-before-maintenance.json");
    const round = new Round({ level, seed: 3, chaos: "level" });
    const state = new GameState();
    const projector = new Projector(state);
    const writes = new Map<string, { at: number; text: string }[]>();
    for (let t = 25; t <= 30_000; t += 25) {
      round.advanceTo(t);
      projector.project(roundSource(round), new Set());
      state.nodes.forEach((view, id) => {
        const list = writes.get(id) ?? [];
        if (list.at(-1)?.text !== view.ranges) list.push({ at: t, text: view.ranges });
        writes.set(id, list);
        // Structure is never held back: what the screen shows has the store's leases, leaders and replicas now.
        const now = round.sim.inspect(id).ranges ?? [];
        expect(shape(view.ranges)).toBe(shape(now.length > 0 ? JSON.stringify(now) : ""));
      });
    }
    let churnOnly = 0;
    for (const list of writes.values()) {
      for (let i = 1; i < list.length; i++) {
        if (shape(list[i].text) !== shape(list[i - 1].text)) continue;
        churnOnly++;
        expect(list[i].at - list[i - 1].at).toBeGreaterThanOrEqual(RANGE_CHURN_MS);
      }
    }
    expect(churnOnly).toBeGreaterThan(0); // the level's transfers do lay down intents
    // With the cluster held still and the clock moved past the interval, every view is the store's own.
    const later = { ...roundSource(round), now: round.now + RANGE_CHURN_MS };
    projector.project(later, new Set());
    state.nodes.forEach((view, id) => {
      const now = round.sim.inspect(id).ranges ?? [];
      expect(view.ranges).toBe(now.length > 0 ? JSON.stringify(now) : "");
    });
  });
});
