// Kafka levels in a real room with real SDK clients: the state carries what the partition-log screen draws (each
// broker's replicas with their LEO, HW and, on the leader, the ISR; the consumer group with its members' partitions;
// the settings in force), an operator's set-config changes the settings every screen shows, and a bad setting or a
// reassignment to a broker that does not exist is refused in words that say what is wrong, changing nothing.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consumerGroup, partitionRows } from "../../client/game/draw/partition-logs";
import type { GameStateView } from "../../client/net/state";
import { boot, client, control, createGame, send, sleep, takeRole, until } from "./helpers";

let ctx: Awaited<ReturnType<typeof boot>>;
beforeAll(async () => {
  ctx = await boot(2647);
});
afterAll(async () => {
  await ctx.server.close();
});

const view = (state: unknown) => state as GameStateView;

describe("a Kafka room", () => {
  it("projects partitions with LEO, HW and ISR, and takes the operator's acks and min.insync.replicas", async () => {
    const host = await createGame(client(ctx.url), "Host", { level: "kafka/acks", seed: 3 });
    expect(await takeRole(host, "operator")).toMatchObject({ ok: true });
    const s = host.state;
    expect(s.system).toBe("kafka");
    expect([...s.nodes.keys()].sort()).toEqual(["n1", "n2", "n3"]);
    expect(s.summary.get("acks")).toBe("1");
    expect(s.summary.get("minInsyncReplicas")).toBe("1");

    await control(host, "speed", { speed: 4 });
    await control(host, "start");
    // Once the controller quorum has created the topic: one partition, three replicas; n1 leads it with every
    // replica in sync.
    await until(() => partitionRows(view(s))[0]?.isr.length === 3, "events-0 to be led with three replicas in sync", 20_000);
    for (const node of s.nodes.values()) expect(node.partitions.has("events-0")).toBe(true);
    const rows = partitionRows(view(s));
    expect(rows.map((r) => r.tp)).toEqual(["events-0"]);
    expect(rows[0]).toMatchObject({ leader: "n1", offline: false });
    expect([...rows[0].isr].sort()).toEqual(["n1", "n2", "n3"]);
    // Producers write: the leader's log end offset and high watermark move, and followers catch up.
    await until(() => (s.nodes.get("n1")?.partitions.get("events-0")?.hw ?? 0) > 5, "the high watermark to move", 20_000);
    const leader = s.nodes.get("n1")!.partitions.get("events-0")!;
    expect(leader.leader).toBe(true);
    expect(leader.leo).toBeGreaterThanOrEqual(leader.hw);
    expect(s.nodes.get("n2")!.partitions.get("events-0")!.leader).toBe(false);
    expect(s.nodes.get("n2")!.partitions.get("events-0")!.isr).toBe("");

    // acks=all and min.insync.replicas=2 go through the active controller (elected about 1.4 s in) and show in the
    // summary.
    await until(() => !!s.summary.get("controller"), "an active controller", 20_000);
    expect(await send(host, "action", { action: { type: "set-config", setting: "acks", value: "all" } })).toMatchObject({ ok: true });
    expect(await send(host, "action", { action: { type: "set-config", setting: "min.insync.replicas", value: 2 } })).toMatchObject({ ok: true });
    await until(() => s.summary.get("acks") === "all (-1)" && s.summary.get("minInsyncReplicas") === "2", "the new settings to apply", 20_000);

    // A setting Kafka does not have, or a value it does not take, is refused in words; nothing changes.
    const unknown = await send(host, "action", { action: { type: "set-config", setting: "acks.timeout", value: 1 } });
    expect(unknown).toMatchObject({ ok: false });
    expect(unknown.error).toMatch(/Kafka has no setting "acks.timeout".*min\.insync\.replicas/);
    const badValue = await send(host, "action", { action: { type: "set-config", setting: "acks", value: "2" } });
    expect(badValue).toMatchObject({ ok: false });
    expect(badValue.error).toMatch(/acks is 0, 1 or all/);
    expect(s.summary.get("acks")).toBe("all (-1)");
    // This level does not let the operator reassign partitions.
    const notHere = await send(host, "action", { action: { type: "reassign", partition: 0, replicas: ["n2", "n3"] } });
    expect(notHere).toMatchObject({ ok: false });
    await host.leave();
  });

  it("refuses a reassignment to an unknown broker, and carries out one to a new broker", async () => {
    const host = await createGame(client(ctx.url), "Host", { level: "kafka/reassign", seed: 5 });
    expect(await takeRole(host, "operator")).toMatchObject({ ok: true });
    const s = host.state;
    await control(host, "speed", { speed: 4 });
    await control(host, "start");
    await until(() => partitionRows(view(s)).filter((r) => !r.offline).length === 3, "three partitions to be led", 20_000);
    expect(partitionRows(view(s)).map((r) => r.tp)).toEqual(["events-0", "events-1", "events-2"]);
    await until(() => !!s.summary.get("controller"), "an active controller", 20_000);
    const unknown = await send(host, "action", { action: { type: "reassign", partition: 1, replicas: ["n1", "n9"] } });
    expect(unknown).toMatchObject({ ok: false });
    expect(unknown.error).toMatch(/n9 is not a registered, running broker; add a broker first/);
    const outOfRange = await send(host, "action", { action: { type: "reassign", partition: 7, replicas: ["n1", "n2"] } });
    expect(outOfRange.error).toMatch(/events has partitions 0 to 2, got 7/);

    const added = await send(host, "action", { action: { type: "add-member", node: "n4" } });
    expect(added, JSON.stringify(added)).toMatchObject({ ok: true });
    const before = partitionRows(view(s)).find((r) => r.replicas.some((x) => x.broker === "n3"))!;
    const target = before.replicas.map((x) => (x.broker === "n3" ? "n4" : x.broker));
    // Until n4 has registered with the controller, a reassignment to it is refused in words; then it goes through.
    let moved = await send(host, "action", { action: { type: "reassign", topic: "events", partition: before.partition, replicas: target } });
    for (let i = 0; i < 60 && !moved.ok; i++) {
      expect(moved.error).toMatch(/n4 is not a registered, running broker/);
      await sleep(500);
      moved = await send(host, "action", { action: { type: "reassign", topic: "events", partition: before.partition, replicas: target } });
    }
    expect(moved, JSON.stringify(moved)).toMatchObject({ ok: true });
    // n4 catches up, joins the ISR, and n3 leaves the partition.
    await until(() => {
      const row = partitionRows(view(s)).find((r) => r.tp === before.tp);
      return !!row && row.replicas.some((x) => x.broker === "n4") && !row.replicas.some((x) => x.broker === "n3") && row.isr.includes("n4");
    }, `${before.tp} to move to ${target.join(",")}`, 40_000);
    await host.leave();
  });

  it("projects the consumer group: generation, state, and every partition owned by a member", async () => {
    const host = await createGame(client(ctx.url), "Host", { level: "kafka/rebalance", seed: 2 });
    expect(await takeRole(host, "operator")).toMatchObject({ ok: true });
    const s = host.state;
    await control(host, "speed", { speed: 4 });
    await control(host, "start");
    await until(() => consumerGroup(view(s))?.state === "Stable", "the group to become stable", 30_000);
    const group = consumerGroup(view(s))!;
    expect(group.group).toBe("app");
    expect(group.generation).toBeGreaterThanOrEqual(1);
    expect(group.members.map((m) => m.member).sort()).toEqual(["c1", "c2", "c3"]);
    const owned = group.members.flatMap((m) => m.partitions).sort();
    expect(owned).toHaveLength(12);
    expect(new Set(owned).size).toBe(12);
    expect(s.summary.get("groupState")).toBe("Stable");
    expect(partitionRows(view(s)).every((r) => r.owner !== "" && !r.paused)).toBe(true);
    await host.leave();
  });
});
