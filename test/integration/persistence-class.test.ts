// A whole-class round's exports: the class grew the level's cluster to a node per student, and the exported replay
// says how many nodes it had, so playing the file rebuilds the cluster the class played, not the level as authored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { playReplay, type ReplayFile } from "../../server/store/journal";
import { levelCatalog } from "../../server/levels-catalog";
import type { SeatReply } from "../../shared/protocol/messages";
import { boot, client, until } from "./helpers";
import { type ClassRoomClient, createClass, joinClass, leaveAll, me, watchGroup } from "./class-helpers";

let ctx: Awaited<ReturnType<typeof boot>>;
beforeAll(async () => {
  ctx = await boot(2682);
});
afterAll(async () => {
  await ctx.server.close();
});

describe("a whole-class round's replay", () => {
  it("carries the node count the class grew the cluster to, and plays back on that many nodes", async () => {
    // consul/service-discovery has 7 nodes and lets a class grow it to 30.
    const teacher = await createClass(client(ctx.url), { level: "consul/service-discovery", mode: "whole" });
    const students: ClassRoomClient[] = [];
    const watch = await watchGroup(client(ctx.url), teacher, "g1");
    try {
      for (let i = 1; i <= 9; i++) students.push(await joinClass(client(ctx.url), teacher.state.code, `Student ${i}`));
      await until(() => me(students[8]).node === "n9", "the ninth student on n9");
      await until(() => watch.state.nodes.size === 9, "the cluster to have grown to nine nodes");

      const token = ((await watch.request("seat")) as SeatReply).rejoinToken;
      const res = await fetch(`${ctx.url}/api/rooms/${watch.state.code}/rounds/1/replay.json?token=${encodeURIComponent(token)}`);
      expect(res.status).toBe(200);
      const file = (await res.json()) as ReplayFile;
      expect(file).toMatchObject({ level: "consul/service-discovery", round: 1, nodes: 9 });

      const level = levelCatalog().get(file.level);
      if (!level) throw new Error("no consul/service-discovery in the catalog");
      expect(playReplay(level, file).sim.nodes).toHaveLength(9);
    } finally {
      await leaveAll([watch, ...students, teacher]);
    }
  });
});
