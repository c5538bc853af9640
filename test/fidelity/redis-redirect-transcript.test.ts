// FACTS §1.5 and vectors/redis_redirect_transcript.txt: a real redis-cli session moving slot 12182 (the slot of
// "foo") from 127.0.0.1:17403 to 127.0.0.1:17401, replayed command by command against the simulation's nodes,
// which must give the same answers. Address mapping: 127.0.0.1:1740k is node nk, and a redirection names a node
// as <node id>:6379 (cluster-preferred-endpoint-type hostname, see shared/systems/redis-cluster/address.ts), so
// "MOVED 12182 127.0.0.1:17403" reads "MOVED 12182 n3:6379". Node ids (40 hex digits in Redis) are our node ids.
// The three nodes are the masters `redis-cli --cluster create` makes of n1..n3: n3 serves 10923-16383.
//
// Messages between the nodes (MIGRATE's transfer) are carried by hand here, in order, each command running to
// completion before the next: the replies are what is compared, not timing.

import { describe, expect, it } from "vitest";
import { Rng } from "../../shared/sim";
import type { Completion, Message, NodeContext, NodeId, NotableEvent } from "../../shared/sim";
import { parseRedisClusterConfig, RedisNode } from "../../shared/systems/redis-cluster";
import { execute } from "../../shared/systems/redis-cluster/commands";

const TRANSCRIPT: [port: number, line: string, answer: string][] = [
  [17401, "SET foo x", "MOVED 12182 127.0.0.1:17403"],
  [17403, "SET {foo}a 1", "OK"],
  [17401, "SETSLOT", "ERR unknown command 'SETSLOT', with args beginning with: "],
  [17401, "CLUSTER SETSLOT 12182 IMPORTING <17403>", "OK"],
  [17403, "CLUSTER SETSLOT 12182 MIGRATING <17401>", "OK"],
  [17403, "GET {foo}a", "1"],
  [17403, "GET {foo}b", "ASK 12182 127.0.0.1:17401"],
  [17403, "SET {foo}b 2", "ASK 12182 127.0.0.1:17401"],
  [17401, "GET {foo}b", "MOVED 12182 127.0.0.1:17403"],
  [17401, "ASKING; GET {foo}b", "OK"],
  [17403, "MGET {foo}a {foo}b", "TRYAGAIN Multiple keys request during rehashing of slot"],
  [17403, 'MIGRATE 127.0.0.1 17401 "" 0 5000 KEYS {foo}a', "OK"],
  [17403, "GET {foo}a", "ASK 12182 127.0.0.1:17401"],
  [17401, "ASKING; GET {foo}a", "OK 1"],
  [17401, "CLUSTER SETSLOT 12182 NODE <17401>", "OK"],
  [17403, "CLUSTER SETSLOT 12182 NODE <17401>", "OK"],
  [17403, "GET {foo}a", "MOVED 12182 127.0.0.1:17401"],
  [17401, "GET {foo}a", "1"],
  [17401, "MSET a 1 b 2", "CROSSSLOT Keys in request don't hash to the same slot"],
];

const nodeOfPort = (port: number | string): NodeId => `n${Number(port) - 17400}`;
/** The transcript's wording in our addressing: 127.0.0.1:1740k -> nk:6379 (MIGRATE's "127.0.0.1 1740k" -> "nk 6379"), <1740k> -> nk. */
const ours = (text: string) =>
  text
    .replace(/127\.0\.0\.1([: ])(174\d\d)/g, (_, sep, p) => `${nodeOfPort(p)}${sep}6379`)
    .replace(/<(174\d\d)>/g, (_, p) => nodeOfPort(p));

class Wire {
  readonly nodes = new Map<NodeId, RedisNode>();
  private readonly queue: { from: NodeId; to: NodeId; msg: Message }[] = [];
  readonly events: NotableEvent[] = [];

  constructor(ids: NodeId[]) {
    const cfg = parseRedisClusterConfig({});
    for (const id of ids) this.nodes.set(id, new RedisNode(id, cfg, undefined, ids));
    for (const id of ids) this.node(id).clusterOk = true;
  }

  node(id: NodeId): RedisNode {
    return this.nodes.get(id) as RedisNode;
  }

  ctx(id: NodeId): NodeContext {
    return {
      id,
      localTime: 0,
      monotonicTime: 0,
      rng: new Rng(1),
      peers: [...this.nodes.keys()],
      send: (to, msg) => this.queue.push({ from: id, to, msg }),
      setTimer: () => {},
      cancelTimer: () => {},
      respond: (_id: number, _c: Completion) => {},
      emit: (e) => this.events.push(e),
      exit: (why) => {
        throw new Error(`${id} exited during the redirect transcript: ${why}`);
      },
    };
  }

  /** Runs one redis-cli line at a node (with "ASKING; " first when given), delivering messages until quiet. */
  run(node: NodeId, line: string): string {
    const asking = line.startsWith("ASKING; ");
    const command = asking ? line.slice("ASKING; ".length) : line;
    let answer: string | undefined;
    execute(this.node(node), this.ctx(node), command, asking, (a) => {
      answer = a;
    });
    for (let m = this.queue.shift(); m; m = this.queue.shift()) this.node(m.to).onMessage(this.ctx(m.to), m.from, m.msg);
    if (answer === undefined) throw new Error(`no answer to ${line}`);
    // redis-cli prints ASKING's OK, then the command's answer ((nil) prints as nothing here, as in the transcript).
    if (asking) return answer === "(nil)" ? "OK" : `OK ${answer}`;
    return answer;
  }
}

describe("the redirection transcript (redis-server 7.0.15, slot 12182 from 17403 to 17401)", () => {
  it("gives every answer the real cluster gave, in order", () => {
    const wire = new Wire(["n1", "n2", "n3"]);
    const got = TRANSCRIPT.map(([port, line]) => `[${port}] ${line} => ${wire.run(nodeOfPort(port), ours(line))}`);
    const want = TRANSCRIPT.map(([port, line, answer]) => `[${port}] ${line} => ${ours(answer)}`);
    expect(got).toEqual(want);
  });

  it("moves the key, leaves the slot stable, and bumps the importing node's configEpoch past every other", () => {
    const wire = new Wire(["n1", "n2", "n3"]);
    for (const [port, line] of TRANSCRIPT) wire.run(nodeOfPort(port), ours(line));
    const [n1, n3] = [wire.node("n1"), wire.node("n3")];
    expect(n1.data.get("{foo}a")).toBe("1");
    expect(n3.data.has("{foo}a")).toBe(false);
    expect(n1.owners[12182]).toBe("n1");
    expect(n3.owners[12182]).toBe("n1");
    expect([n1.migrating.size, n1.importing.size, n3.migrating.size, n3.importing.size]).toEqual([0, 0, 0, 0]);
    // As in the failover log: configEpochs 1..N from creation, then "configEpoch set to N+1 after importing slot".
    expect(n1.configEpoch).toBe(4);
    expect(wire.events.map((e) => e.text)).toContain("n1: configEpoch set to 4 after importing slot 12182");
  });
});
