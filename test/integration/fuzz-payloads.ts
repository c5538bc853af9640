// What hostile clients send in the fuzz tests (fuzz-hostile.test.ts): message types and payloads drawn from a
// seeded generator, so a failing run is reproduced by its seed. Everything here is refused by a correct room when
// sent by a spectator or a client-role player that is not the host: out-of-role actions, other players' seats,
// host controls, malformed, oversized and deeply nested payloads, unknown types.

import { Rng } from "../../shared/sim/rng";

export type Hostile = { type: string | number; payload: unknown };

const NODES = ["n1", "n2", "n3", "n4", "n5"];

/** Actions of every role, well formed: a spectator sending them is acting outside their role. */
const OUT_OF_ROLE_ACTIONS = [
  () => ({ type: "crash", node: "n1" }),
  () => ({ type: "restart", node: "n2" }),
  () => ({ type: "cut", from: "n1", to: "n2" }),
  () => ({ type: "partition", groups: [["n1", "n2"], ["n3", "n4", "n5"]] }),
  () => ({ type: "latency", from: "n3", to: "n4", ms: 500 }),
  () => ({ type: "loss", from: "n3", to: "n4", rate: 1 }),
  () => ({ type: "skew", node: "n1", ms: 5000 }),
  () => ({ type: "timeout" }),
  () => ({ type: "crash-self" }),
  () => ({ type: "restart-self" }),
  () => ({ type: "transfer-leader", to: "n2" }),
  () => ({ type: "add-member", node: "n6" }),
  () => ({ type: "remove-member", node: "n1" }),
  () => ({ type: "set-consistency", read: "ONE" }),
  () => ({ type: "set-config", setting: "electionMs", value: 1 }),
];

const CONTROL_OPS = ["start", "pause", "resume", "step", "restart", "speed"];

export class HostileMessages {
  private readonly rng: Rng;

  /** `others`: session ids of legitimate players, whose seats hostile messages try to take or reassign. */
  constructor(seed: number, private readonly others: () => string[]) {
    this.rng = new Rng(seed);
  }

  next(): Hostile {
    const r = this.rng;
    switch (r.int(0, 9)) {
      case 0:
        return { type: "action", payload: { action: r.pick(OUT_OF_ROLE_ACTIONS)() } };
      case 1:
        return { type: "control", payload: { op: r.pick(CONTROL_OPS), speed: r.pick([100, 0.01, -1, Number.NaN, "fast"]) } };
      case 2:
        return { type: "role", payload: this.seatGrab() };
      case 3:
        return { type: r.pick(["action", "role", "control", "seat", "replay"]), payload: this.junk(0) };
      case 4:
        return { type: "action", payload: { action: { type: r.pick(["crash", "put", "cut", "partition"]), ...this.junkFields() } } };
      case 5:
        return { type: this.randomText(r.int(0, 60), false), payload: this.junk(0) };
      case 6:
        return { type: r.int(-5, 1000), payload: this.junk(0) };
      case 7:
        return { type: r.pick(["action", "role", "control"]), payload: this.nested(r.int(50, 200)) };
      default:
        // Big but under the transport's 64 KiB frame limit: validation must refuse it cheaply.
        return { type: "action", payload: { action: { type: "cut", from: "n".padEnd(r.int(1_000, 16_000), "x"), to: "n2" } } };
    }
  }

  private seatGrab(): unknown {
    const r = this.rng;
    const someone = r.pick(this.others());
    return r.pick<unknown>([
      { role: "chaos" },
      { role: "operator" },
      { role: "host" },
      { role: "spectator" },
      { role: "client" },
      { role: "node", node: "n9" },
      { role: "node", node: 5 },
      { role: "host", player: someone },
      { role: "spectator", player: someone },
      { role: "chaos", player: someone },
      { role: "admin" },
      { role: ["chaos"] },
    ]);
  }

  private junkFields(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (let i = this.rng.int(0, 6); i > 0; i--) out[this.rng.pick(["node", "from", "to", "ms", "rate", "key", "value", "groups", "__proto__", "constructor"])] = this.junk(2);
    return out;
  }

  private junk(depth: number): unknown {
    const r = this.rng;
    const kinds = depth > 3 ? 7 : 9;
    switch (r.int(0, kinds)) {
      case 0:
        return undefined;
      case 1:
        return null;
      case 2:
        return r.pick([0, -1, 1e308, -1e308, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53 + 1, 0.5]);
      case 3:
        return r.chance(0.5);
      case 4:
        return this.randomText(r.int(0, 200));
      case 5:
        return r.pick(NODES);
      case 6:
        return "../../etc/passwd";
      case 7:
        return Array.from({ length: r.int(0, 20) }, () => this.junk(depth + 1));
      default:
        return Object.fromEntries(Array.from({ length: r.int(0, 8) }, () => [this.randomText(r.int(0, 12)), this.junk(depth + 1)]));
    }
  }

  private nested(depth: number): unknown {
    let value: unknown = { type: "crash", node: "n1" };
    for (let i = 0; i < depth; i++) value = this.rng.chance(0.5) ? { action: value } : [value];
    return value;
  }

  /**
   * Any code unit, control characters included, and lone surrogates unless `surrogates` is false: in a message
   * type they make the frame undecodable (Colyseus reads the type as UTF-8), which disconnects the sender, so the
   * paced clients keep them to payloads (fuzz-hostile.test.ts checks the disconnect separately).
   */
  private randomText(length: number, surrogates = true): string {
    let s = "";
    for (let i = 0; i < length; i++) {
      const unit = this.rng.int(0, 0x10000);
      s += String.fromCharCode(!surrogates && unit >= 0xd800 && unit <= 0xdfff ? unit - 0x800 : unit);
    }
    return s;
  }
}
