// What a game room writes as it goes, bound to one room: the room itself, its rounds, each round's journal,
// its seats and how far the current round has run. Every call is a synchronous SQLite write, made before the room
// answers the player. Once the store is closed (the server is stopping) nothing more is written: a stop, like a
// kill, is not the end of the game, and the next start brings the room back as the database last saw it.

import type { Round } from "../../shared/levels/round";
import type { JournalEntry } from "../../shared/levels/journal";
import type { RoundResult } from "./results";
import type { RoomProgress, StoredRoom } from "./rooms";
import type { StoredRound } from "./rounds";
import type { StoredSeat } from "./seats";
import type { Store } from "./store";

/** A running round's sim time is written at most this often (real ms); pauses, steps and inputs are written at once. */
const PROGRESS_EVERY_MS = 1000;

/** A stored room as a restarted server finds it. */
export interface StoredGame {
  room: StoredRoom;
  round: StoredRound;
  journal: JournalEntry[];
  /** The seats held when the server stopped. */
  seats: StoredSeat[];
}

export class RoomRecord {
  /** The round whose inputs and seat changes are journaled, and how many of each are in the journal already. */
  private followed?: Round;
  private inputsSeen = 0;
  private seatsSeen = 0;
  private written: { simTime: number; p: RoomProgress; at: number } | undefined;

  private constructor(
    private readonly store: Store,
    readonly roomId: number,
    private round: number,
    private seq: number,
    /** The current round's result is recorded: nothing more to write about it. */
    private finished: boolean,
    /** The node count a class grew the level's cluster to, or null for the level's own; later rounds keep it. */
    private nodes: number | null,
  ) {}

  /**
   * Records a new room and its first round. `nodes`: the node count a class grew the level's cluster to (the level
   * id alone would replay the un-grown cluster).
   */
  static create(store: Store, room: { code: string; level: string; seed: number; classCode?: string; nodes?: number }): RoomRecord {
    const nodes = room.nodes ?? null;
    return store.transaction(() => {
      const id = store.rooms.create(room);
      store.rounds.start(id, 1, nodes);
      return new RoomRecord(store, id, 1, 0, false, nodes);
    });
  }

  /** A room that was open when the server stopped, with what replays its current round. */
  static load(store: Store, code: string): { record: RoomRecord; game: StoredGame } | undefined {
    const room = store.rooms.byCode(code);
    const round = room && store.rounds.get(room.id, room.round);
    if (!room || !round || room.endedAt !== null) return undefined;
    const inputs = store.inputs.list(room.id, round.n);
    const record = new RoomRecord(store, room.id, round.n, inputs.length, round.outcome !== "unfinished", round.nodes);
    return { record, game: { room, round, journal: inputs.map((i) => i.entry), seats: store.seats.held(room.id) } };
  }

  /**
   * Journals this round from now on. `replayed`: the round was rebuilt from this journal, so what it holds is in
   * the journal already.
   */
  follow(round: Round, replayed: boolean): void {
    this.followed = round;
    this.inputsSeen = replayed ? round.inputs.length : 0;
    this.seatsSeen = replayed ? round.seatChanges.length : 0;
  }

  /**
   * Appends to the journal what the round recorded since the last call: people's inputs (Round.inputs, those by
   * a player: the script's and the bots' follow from level and seed) and changes of seats (Round.seatChanges).
   */
  sync(): void {
    const round = this.followed;
    if (!round || !this.store.isOpen) return;
    const fresh: JournalEntry[] = [];
    for (; this.seatsSeen < round.seatChanges.length; this.seatsSeen++) {
      const { t, humans } = round.seatChanges[this.seatsSeen];
      fresh.push({ kind: "seats", t, humans: humans.map((h) => ({ ...h })) });
    }
    for (; this.inputsSeen < round.inputs.length; this.inputsSeen++) {
      const { t, role, node, action, by } = round.inputs[this.inputsSeen];
      if (by === "player") fresh.push({ kind: "act", t, role, ...(node !== undefined ? { node } : {}), action });
    }
    if (fresh.length === 0) return;
    // Within one call, order by time only: at equal times a seat change and an input commute (seats matter to
    // the bots, which run only when time advances).
    fresh.sort((a, b) => a.t - b.t);
    this.store.transaction(() => {
      for (const entry of fresh) this.journal(entry);
    });
  }

  /** Appends an entry to the current round's journal (a host's step; sync() appends the rest). */
  journal(entry: JournalEntry): void {
    if (!this.store.isOpen) return;
    this.store.inputs.append(this.roomId, this.round, this.seq, entry);
    this.seq++;
  }

  /**
   * Where the round is. A change of phase, pause or speed is written at once, and so is any move while paused (a
   * step); a running round's time at most every PROGRESS_EVERY_MS. A restored round is therefore at most that much
   * play behind where it was, and never before its last input (those are journaled at once).
   */
  progress(simTime: number, p: RoomProgress): void {
    if (!this.store.isOpen) return;
    const w = this.written;
    const now = Date.now();
    if (w && w.simTime === simTime && w.p.phase === p.phase && w.p.paused === p.paused && w.p.speed === p.speed) return;
    const changed = !w || w.p.phase !== p.phase || w.p.paused !== p.paused || w.p.speed !== p.speed || p.paused;
    if (!changed && now - w.at < PROGRESS_EVERY_MS) return;
    this.store.transaction(() => {
      this.store.rooms.setProgress(this.roomId, p);
      this.store.rounds.reached(this.roomId, this.round, simTime);
    });
    this.written = { simTime, p: { ...p }, at: now };
  }

  /** The current round ended (or is abandoned unfinished by a restart): its result. */
  finish(result: RoundResult): void {
    if (this.finished || !this.store.isOpen) return;
    this.store.rounds.finish(this.roomId, this.round, result);
    this.finished = true;
  }

  /** The number of the round being journaled, from 1 (a restart starts the next). */
  get roundNumber(): number {
    return this.round;
  }

  /** The host restarted: a new round, in the lobby. */
  nextRound(): void {
    if (!this.store.isOpen) return;
    const n = this.round + 1;
    this.store.transaction(() => {
      this.store.rounds.start(this.roomId, n, this.nodes);
      this.store.rooms.setRound(this.roomId, n);
    });
    this.round = n;
    this.seq = 0;
    this.finished = false;
    this.written = undefined;
  }

  /** A class grew (or shrank back) the level's cluster of the current round, still in its lobby, to `nodes`. */
  resized(nodes: number | null): void {
    if (!this.store.isOpen) return;
    this.store.rounds.setNodes(this.roomId, this.round, nodes);
    this.nodes = nodes;
  }

  /** A seat as it is now; `tokenHash` null keeps the stored one. */
  seat(seat: Omit<StoredSeat, "tokenHash">, tokenHash: string | null): void {
    if (this.store.isOpen) this.store.seats.save(this.roomId, { ...seat, tokenHash });
  }

  left(name: string): void {
    if (this.store.isOpen) this.store.seats.leave(this.roomId, name);
  }

  /** Everyone left: the room is over and will not come back after a restart. Its results stay. */
  ended(): void {
    if (this.store.isOpen) this.store.rooms.end(this.roomId);
  }
}
