import { schema, t, type SchemaType } from "@colyseus/schema";
import { FeedEntry } from "./FeedEntry";
import { InboxView } from "./InboxView";
import { KeyView } from "./KeyView";
import { LinkView } from "./LinkView";
import { MessageView } from "./MessageView";
import { NodeView } from "./NodeView";
import { ObjectiveView } from "./ObjectiveView";
import { PlayerView } from "./PlayerView";

/** The room's state as every client receives it (docs/protocol.md). */
export const GameState = schema(
  {
    code: t.string().default(""),
    levelId: t.string().default(""),
    levelTitle: t.string().default(""),
    briefing: t.string().default(""),
    concept: t.string().default(""),
    system: t.string().default(""),
    /** "lobby" | "running" | "won" | "lost" */
    phase: t.string().default("lobby"),
    /** Why the round was won or lost, in plain words ("" while it runs). */
    outcomeText: t.string().default(""),
    /** The level's debrief, shown once the round is over ("" until then). */
    debrief: t.string().default(""),
    /** Which round of this game is on screen, from 1: a restart starts the next (exports and replays name it). */
    round: t.uint16().default(1),
    paused: t.boolean().default(false),
    /** Simulated ms per real ms. */
    speed: t.float64().default(1),
    simTime: t.uint32().default(0),
    timeLimitMs: t.uint32().default(0),
    /** The round's seed: with the level and the inputs it replays the round exactly. */
    seed: t.uint32().default(0),
    leader: t.string().default(""),
    term: t.uint32().default(0),
    chaosBudget: t.int32().default(0),
    /** The id an operator's next add-member should use: never used by this cluster (a removed name is not reusable). */
    nextMemberId: t.string().default(""),
    /** Roles this level offers besides host and spectator, comma separated (e.g. "chaos,client,node"). */
    roles: t.string().default(""),
    /** Per role the action types this level lets it use, comma separated: { operator: "set-consistency,repair" }. */
    actions: t.map("string"),
    /** The level's workload keys, comma separated: what the client players read and write. */
    workloadKeys: t.string().default(""),
    /**
     * The system's summary entries besides leader and term, as text: Cassandra's readConsistency,
     * writeConsistency, replication, divergentKeys, hintsPending, ... (numbers in decimal).
     */
    summary: t.map("string"),
    /** Where each workload key lives and what each replica holds; empty for systems that do not place keys. */
    keys: t.map(KeyView),
    nodes: t.map(NodeView),
    links: t.array(LinkView),
    messages: t.map(MessageView),
    objectives: t.array(ObjectiveView),
    feed: t.array(FeedEntry),
    players: t.map(PlayerView),
    /** Private per node: each node player's StateView holds only their own node's entry. */
    inbox: t.map(InboxView).view(),
  },
  "GameState",
);
export type GameState = SchemaType<typeof GameState>;
