// The room's projection of Consul member lists (server/rooms/projection.ts): every agent's list reaches a client as
// one entry per member, so what a client decodes is exactly what each agent believes, and a crash in a whole-class
// cluster of 30 agents costs each list one changed entry instead of the whole list again. The byte budget is the
// class goal (< 5 KB per student per second), measured on the encoder's own output the way the room sends it.

import { Decoder, Encoder } from "@colyseus/schema";
import { describe, expect, it } from "vitest";
import { parseMembers } from "../../../client/net/state";
import { Projector } from "../../../server/rooms/projection";
import { roundSource } from "../../../server/rooms/round-source";
import { GameState } from "../../../server/rooms/schema/GameState";
import { runBytes } from "../../../server/tools/bench-class-bytes";
import { readLevelFile } from "../../../server/tools/level-file";
import { growCluster } from "../../../shared/levels/class-cluster";
import { Round } from "../../../shared/levels/round";

const sorted = <T extends { node: string }>(list: T[]) => [...list].sort((a, b) => a.node.localeCompare(b.node));

describe("projected Consul member lists", () => {
  it("decode on the client as exactly what each agent believes, through a crash, its detection and a restart", () => {
    const level = growCluster(readLevelFile("levels/consul/gossip-tuning.json"), 12);
    const round = new Round({ level, seed: 4, chaos: "level" });
    const state = new GameState();
    const encoder = new Encoder(state);
    const projector = new Projector(state);
    const seen = new GameState();
    const decoder = new Decoder(seen);
    projector.project(roundSource(round), new Set());
    decoder.decode(encoder.encodeAll());
    encoder.discardChanges();
    const states = new Set<string>();
    for (let t = 25; t <= 20_000; t += 25) {
      if (t === 4000) round.act("node", { type: "crash-self" }, { node: "n12" });
      if (t === 14_000) round.act("node", { type: "restart-self" }, { node: "n12" });
      round.advanceTo(t);
      projector.project(roundSource(round), new Set());
      if (encoder.hasChanges) {
        decoder.decode(encoder.encode({ offset: 1 }), { offset: 1 });
        encoder.discardChanges();
      }
      for (const id of round.sim.nodes) {
        const truth = (round.sim.inspect(id).members ?? []).map((m) => ({ node: m.node, state: m.state, incarnation: m.incarnation, deadAt: m.deadAt ?? null }));
        const decoded = seen.nodes.get(id);
        expect(decoded, `node ${id} at ${t} ms`).toBeDefined();
        expect(sorted(parseMembers(decoded?.members ?? "")), `${id}'s members at ${t} ms`).toEqual(sorted(truth));
        for (const m of truth) states.add(m.state);
      }
    }
    // The run saw the news travel: suspicion, death and the restarted agent alive again.
    expect([...states].sort()).toEqual(["alive", "dead", "suspect"]);
  });

  it("reads the same from the text form and from the room's entries", () => {
    const text = parseMembers("n1:alive:3,n2:suspect:1@41250");
    const entries = parseMembers(new Map([["n1", "alive:3"], ["n2", "suspect:1@41250"]]));
    expect(entries).toEqual(text);
    expect(text).toEqual([
      { node: "n1", state: "alive", incarnation: 3, deadAt: null },
      { node: "n2", state: "suspect", incarnation: 1, deadAt: 41250 },
    ]);
  });

  it("keep a 30-agent whole-class cluster under 5 KB per student per second while every student crashes and restarts their agent", () => {
    const run = runBytes(30, 20);
    expect(run.patches).toBeGreaterThan(0);
    expect(run.perStudent).toBeLessThan(5000);
  });
});
