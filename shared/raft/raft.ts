// The Raft state machine, shaped like etcd-io/raft. It does no I/O and keeps no clock: a driver calls tick() on
// a fixed interval, step(msg) for every message, then takes the output with ready() and confirms it with
// advance(). step() applies the term rules that every role shares, then hands the message to the role's own
// step function; become* swaps that function and the tick function together, so a role is one small switch.

import { applyConfChange, confChangeProblem, emptyConf, isConfChange, type RaftConf } from "./confchange";
import { RaftLog } from "./log";
import { Progress, ProgressTracker } from "./progress";
import { voteResult } from "./quorum";
import { type ReadIndexRequest, ReadOnly } from "./read-only";
import {
  CAMPAIGN_TRANSFER,
  type ConfChange,
  type Entry,
  type EntryType,
  type HardState,
  NONE,
  type RaftId,
  type RaftMessage,
  type ReadState,
  type Ready,
  type SoftState,
  type StateType,
} from "./types";

export interface RaftConfig {
  id: RaftId;
  /** Ticks without hearing from a leader before a follower campaigns (randomized to [ET, 2·ET−1]). etcd: 10. */
  electionTick: number;
  /** Ticks between a leader's heartbeats. etcd: 1. */
  heartbeatTick: number;
  /** Campaign in two phases so that a node that cannot win never raises the term (thesis §9.6). etcd ≥3.5: on. */
  preVote: boolean;
  /** A leader that has not heard from a quorum for an election timeout steps down; gives followers a lease. */
  checkQuorum: boolean;
  /** Most entries in one MsgApp. */
  maxEntriesPerMsg: number;
  /** Most MsgApps in flight to one follower while replicating. */
  maxInflight: number;
  /** A uniform integer in [0, n): the node's seeded generator (never Math.random, so runs replay). */
  randomInt: (n: number) => number;
}

/**
 * What survives a crash: the hard state, the log, and the configuration last applied (what etcd keeps in a
 * snapshot's ConfState). Applied entries are not remembered: the state machine is rebuilt by re-applying the
 * committed log, and re-applying a conf change to a configuration that already contains it changes nothing.
 */
export interface RaftStorage {
  hardState: HardState;
  entries: readonly Entry[];
  conf?: RaftConf;
}

/** Things worth telling people about, in the order they happened. */
export type RaftEvent =
  | { kind: "leader"; term: number }
  | { kind: "step-down"; term: number; reason: string }
  | { kind: "campaign"; term: number; pre: boolean }
  | { kind: "pre-vote-failed"; term: number }
  | { kind: "conf-applied"; change: ConfChange; index: number; asLeader: boolean }
  | { kind: "transfer-started"; to: RaftId }
  | { kind: "transfer-aborted"; to: RaftId };

type CampaignKind = "pre-election" | "election" | "transfer";

/** The empty part of a Ready. Never written to. */
const NOTHING: readonly never[] = [];

/** Why a local request was not accepted. A forwarded request gets no answer: it is simply dropped, as in etcd. */
export type DropReason = string;

export const ERR_NO_LEADER = "no leader";
export const ERR_TRANSFERRING = "leadership transfer in progress";
export const ERR_REMOVED = "this member has been removed";
export const ERR_CONF_PENDING = "another membership change is still being applied";

/**
 * The log a brand-new cluster starts with, as etcd bootstraps one: one ConfChange entry per initial member at
 * term 1, all committed. Every member writes the same entries, so their logs agree from the first index.
 */
export function bootstrapStorage(members: readonly RaftId[]): RaftStorage {
  const entries: Entry[] = members.map((node, i) => ({ data: { change: "add", node }, index: i + 1, term: 1, type: "conf" }));
  return { hardState: { term: 1, vote: NONE, commit: entries.length }, entries, conf: { voters: [...members], removed: [] } };
}

export class Raft {
  readonly id: RaftId;
  term = 0;
  vote: RaftId = NONE;
  lead: RaftId = NONE;
  state: StateType = "follower";
  readonly log: RaftLog;
  conf: RaftConf = emptyConf();
  readonly trk: ProgressTracker;
  electionElapsed = 0;
  heartbeatElapsed = 0;
  randomizedElectionTimeout = 0;
  /** The follower a leadership transfer is handing over to. */
  leadTransferee: RaftId = NONE;
  /** A conf change at or below this index may still be unapplied: propose no other until it is applied. */
  pendingConfIndex = 0;
  private readonly readOnly = new ReadOnly();
  /** Reads that arrived before this leader committed an entry of its own term (it cannot know the commit index yet). */
  private pendingReadIndexMessages: RaftMessage[] = [];
  private msgs: RaftMessage[] = [];
  private readStates: ReadState[] = [];
  private events: RaftEvent[] = [];
  private prevSoft: SoftState;
  private prevHard: HardState;
  private stepRole: (m: RaftMessage) => DropReason | undefined;
  private tickRole: () => void;

  constructor(
    readonly cfg: RaftConfig,
    storage?: RaftStorage,
  ) {
    if (cfg.heartbeatTick <= 0) throw new Error("heartbeat tick must be greater than 0");
    if (cfg.electionTick <= cfg.heartbeatTick) throw new Error("election tick must be greater than heartbeat tick");
    this.id = cfg.id;
    this.trk = new ProgressTracker(cfg.maxInflight);
    this.log = new RaftLog(storage?.entries ?? [], storage?.hardState.commit ?? 0);
    this.log.stableTo(this.log.lastIndex());
    if (storage?.conf) this.conf = { voters: [...storage.conf.voters], removed: [...storage.conf.removed] };
    this.stepRole = this.stepFollower;
    this.tickRole = this.tickElection;
    this.becomeFollower(storage?.hardState.term ?? 0, NONE);
    this.vote = storage?.hardState.vote ?? NONE;
    this.prevSoft = this.softState();
    this.prevHard = this.hardState();
  }

  // ---- inputs -------------------------------------------------------------------------------------------------

  /** Advances the logical clock by one tick. */
  tick(): void {
    this.tickRole();
  }

  /**
   * Handles one message, local or from a peer. Returns why a local proposal or read was dropped (so the caller
   * can tell its client the request certainly did not happen), or undefined.
   */
  step(m: RaftMessage): DropReason | undefined {
    if (m.term > this.term) {
      if ((m.type === "MsgVote" || m.type === "MsgPreVote") && this.ignoreInLease(m)) return undefined;
      if (m.type === "MsgPreVote") {
        // A pre-vote is a question about the future term; it must never move ours.
      } else if (m.type === "MsgPreVoteResp" && !m.reject) {
        // Granted pre-votes carry the future term; we move to it only after winning the pre-election.
      } else {
        const lead = m.type === "MsgApp" || m.type === "MsgHeartbeat" ? m.from : NONE;
        const wasLeader = this.state === "leader";
        this.becomeFollower(m.term, lead);
        if (wasLeader) this.noteStepDown(`it saw term ${m.term} in a ${m.type} from ${m.from}`);
      }
    } else if (m.term > 0 && m.term < this.term) {
      this.answerLowerTerm(m);
      return undefined;
    }
    switch (m.type) {
      case "MsgHup":
        this.hup(this.cfg.preVote ? "pre-election" : "election");
        return undefined;
      case "MsgVote":
      case "MsgPreVote":
        this.handleVoteRequest(m);
        return undefined;
      default:
        return this.stepRole(m);
    }
  }

  /** Proposes one command (or a ConfChange) for the log. */
  propose(data: unknown, type: EntryType = "normal"): DropReason | undefined {
    return this.step({ type: "MsgProp", from: this.id, to: this.id, term: 0, entries: [{ data, index: 0, term: 0, type }] });
  }

  /** Starts a linearizable read; a ReadState with `context` appears in a later Ready once it is safe to serve. */
  readIndex(context: string): DropReason | undefined {
    return this.step({ type: "MsgReadIndex", from: this.id, to: this.id, term: 0, context });
  }

  /** Campaigns now, as if the election timeout had passed (etcd's MsgHup). */
  campaignNow(): void {
    this.step({ type: "MsgHup", from: this.id, to: this.id, term: 0 });
  }

  /** Asks the leader to hand leadership to `transferee` (may be stepped on any member: followers forward it). */
  transferLeader(transferee: RaftId): DropReason | undefined {
    return this.step({ type: "MsgTransferLeader", from: transferee, to: this.id, term: 0 });
  }

  // ---- output -------------------------------------------------------------------------------------------------

  softState(): SoftState {
    return { lead: this.lead, state: this.state };
  }

  hardState(): HardState {
    return { term: this.term, vote: this.vote, commit: this.log.committed };
  }

  /**
   * Takes everything produced since the last advance(). Messages and read states are handed over exactly once.
   * A part with nothing in it is one shared empty list: a Ready is made after nearly every input.
   */
  ready(): Ready & { events: readonly RaftEvent[] } {
    const log = this.log;
    const rd = {
      softState: this.lead !== this.prevSoft.lead || this.state !== this.prevSoft.state ? this.softState() : undefined,
      hardState: this.term !== this.prevHard.term || this.vote !== this.prevHard.vote || log.committed !== this.prevHard.commit ? this.hardState() : undefined,
      entries: log.hasUnstable() ? log.unstableEntries() : NOTHING,
      committedEntries: log.committed > log.applied ? log.nextCommittedEntries() : NOTHING,
      msgs: this.msgs.length > 0 ? this.msgs : NOTHING,
      readStates: this.readStates.length > 0 ? this.readStates : NOTHING,
      events: this.events.length > 0 ? this.events : NOTHING,
    };
    if (this.msgs.length > 0) this.msgs = [];
    if (this.readStates.length > 0) this.readStates = [];
    if (this.events.length > 0) this.events = [];
    return rd;
  }

  /** Whether ready() has anything to hand over. Asked after every input, so it builds nothing to find out. */
  hasReady(): boolean {
    const log = this.log;
    return (
      this.msgs.length > 0 ||
      this.readStates.length > 0 ||
      this.events.length > 0 ||
      log.committed > log.applied ||
      log.hasUnstable() ||
      this.lead !== this.prevSoft.lead ||
      this.state !== this.prevSoft.state ||
      this.term !== this.prevHard.term ||
      this.vote !== this.prevHard.vote ||
      log.committed !== this.prevHard.commit
    );
  }

  /**
   * Confirms that the driver persisted and applied `rd`. Conf changes among the applied entries take effect now,
   * in log order: this is the moment a membership change becomes real.
   */
  advance(rd: Ready): void {
    if (rd.softState) this.prevSoft = rd.softState;
    if (rd.hardState) this.prevHard = rd.hardState;
    if (rd.entries.length > 0) this.log.stableTo(rd.entries[rd.entries.length - 1].index);
    for (const e of rd.committedEntries) {
      if (e.type === "conf" && isConfChange(e.data)) this.applyConf(e.data, e.index);
      this.log.appliedTo(e.index);
    }
  }

  /** Whether this node may campaign: only voters of the applied configuration may. */
  promotable(): boolean {
    return this.conf.voters.includes(this.id);
  }

  // ---- term rules ---------------------------------------------------------------------------------------------

  /**
   * The lease that CheckQuorum gives: a node that heard from a leader within the election timeout ignores vote
   * requests with a higher term (neither votes nor moves its term), unless the request comes from a leadership
   * transfer, which the leader itself asked for.
   */
  private ignoreInLease(m: RaftMessage): boolean {
    const force = m.context === CAMPAIGN_TRANSFER;
    const inLease = this.cfg.checkQuorum && this.lead !== NONE && this.electionElapsed < this.cfg.electionTick;
    return !force && inLease;
  }

  /**
   * A message from an older term. A leader cut off while we moved on would otherwise never learn it is stale
   * (PreVote and the lease stop us from disturbing it), so answer its appends and heartbeats at our term.
   */
  private answerLowerTerm(m: RaftMessage): void {
    if ((this.cfg.checkQuorum || this.cfg.preVote) && (m.type === "MsgApp" || m.type === "MsgHeartbeat")) {
      this.send({ type: "MsgAppResp", to: m.from, term: this.term });
    } else if (m.type === "MsgPreVote") {
      this.send({ type: "MsgPreVoteResp", to: m.from, term: this.term, reject: true });
    }
  }

  /**
   * RequestVote (§5.2, §5.4.1). Grant if we have not voted for someone else in this term (a pre-vote for a future
   * term is always open) and the candidate's log is at least as up to date as ours.
   */
  private handleVoteRequest(m: RaftMessage): void {
    const isPre = m.type === "MsgPreVote";
    const respType = isPre ? "MsgPreVoteResp" : "MsgVoteResp";
    const canVote = this.vote === m.from || (this.vote === NONE && this.lead === NONE) || (isPre && m.term > this.term);
    if (canVote && this.log.isUpToDate(m.index ?? 0, m.logTerm ?? 0)) {
      // A granted pre-vote answers in the future term the candidate asked about, so it counts there.
      this.send({ type: respType, to: m.from, term: m.term, reject: false });
      if (!isPre) {
        this.electionElapsed = 0;
        this.vote = m.from;
      }
    } else {
      this.send({ type: respType, to: m.from, term: this.term, reject: true });
    }
  }

  // ---- roles --------------------------------------------------------------------------------------------------

  becomeFollower(term: number, lead: RaftId): void {
    this.stepRole = this.stepFollower;
    this.reset(term);
    this.tickRole = this.tickElection;
    this.lead = lead;
    this.state = "follower";
  }

  becomeCandidate(): void {
    if (this.state === "leader") throw new Error("a leader cannot become a candidate");
    this.stepRole = this.stepCandidate;
    this.reset(this.term + 1);
    this.tickRole = this.tickElection;
    this.vote = this.id;
    this.state = "candidate";
  }

  /** A pre-candidate keeps its term and vote: nothing about it changes unless the pre-election is won. */
  becomePreCandidate(): void {
    if (this.state === "leader") throw new Error("a leader cannot become a pre-candidate");
    this.stepRole = this.stepCandidate;
    this.trk.resetVotes();
    this.tickRole = this.tickElection;
    this.lead = NONE;
    this.state = "pre-candidate";
  }

  becomeLeader(): void {
    if (this.state === "follower") throw new Error("a follower cannot become leader without an election");
    this.stepRole = this.stepLeader;
    this.reset(this.term);
    this.tickRole = this.tickHeartbeat;
    this.lead = this.id;
    this.state = "leader";
    // Any conf change in the uncommitted tail may still apply; no new one until we know.
    this.pendingConfIndex = this.log.lastIndex();
    // The empty entry commits the previous terms' entries indirectly, and lets ReadIndex know the commit index.
    this.appendEntries([{ index: 0, term: 0, type: "normal" }]);
    this.events.push({ kind: "leader", term: this.term });
  }

  private reset(term: number): void {
    if (this.term !== term) {
      this.term = term;
      this.vote = NONE;
    }
    this.lead = NONE;
    this.electionElapsed = 0;
    this.heartbeatElapsed = 0;
    this.resetRandomizedElectionTimeout();
    this.abortLeaderTransfer();
    this.trk.voters = [...this.conf.voters];
    this.trk.resetVotes();
    this.trk.resetProgress(this.id, this.log.lastIndex());
    this.pendingConfIndex = 0;
    this.readOnly.reset();
    this.pendingReadIndexMessages = [];
  }

  /** Draws a new election timeout, uniform over [ET, 2·ET−1] ticks, so that candidates rarely collide. */
  resetRandomizedElectionTimeout(): void {
    this.randomizedElectionTimeout = this.cfg.electionTick + this.cfg.randomInt(this.cfg.electionTick);
  }

  private noteStepDown(reason: string): void {
    this.events.push({ kind: "step-down", term: this.term, reason });
  }

  // ---- ticks --------------------------------------------------------------------------------------------------

  private tickElection = (): void => {
    this.electionElapsed++;
    if (this.promotable() && this.electionElapsed >= this.randomizedElectionTimeout) {
      this.electionElapsed = 0;
      this.step({ type: "MsgHup", from: this.id, to: this.id, term: 0 });
    }
  };

  private tickHeartbeat = (): void => {
    this.heartbeatElapsed++;
    this.electionElapsed++;
    if (this.electionElapsed >= this.cfg.electionTick) {
      this.electionElapsed = 0;
      if (this.cfg.checkQuorum) this.step({ type: "MsgCheckQuorum", from: this.id, to: this.id, term: 0 });
      // A transfer that has not finished within an election timeout has failed: take proposals again.
      if (this.state === "leader" && this.leadTransferee !== NONE) this.abortLeaderTransfer();
    }
    if (this.state !== "leader") return;
    if (this.heartbeatElapsed >= this.cfg.heartbeatTick) {
      this.heartbeatElapsed = 0;
      this.step({ type: "MsgBeat", from: this.id, to: this.id, term: 0 });
    }
  };

  // ---- elections ----------------------------------------------------------------------------------------------

  private hup(kind: CampaignKind): void {
    if (this.state === "leader") return;
    if (!this.promotable()) return;
    // A committed but unapplied conf change could change who votes; campaign only once it is applied.
    if (this.log.nextCommittedEntries().some((e) => e.type === "conf")) return;
    this.campaign(kind);
  }

  private campaign(kind: CampaignKind): void {
    const pre = kind === "pre-election";
    let term: number;
    if (pre) {
      this.becomePreCandidate();
      term = this.term + 1;
    } else {
      this.becomeCandidate();
      term = this.term;
    }
    this.events.push({ kind: "campaign", term, pre });
    if (this.poll(this.id, true) === "won") {
      // A single-voter cluster wins on its own vote.
      if (pre) this.campaign("election");
      else this.becomeLeader();
      return;
    }
    for (const to of this.trk.others(this.id)) {
      this.send({
        type: pre ? "MsgPreVote" : "MsgVote",
        to,
        term,
        index: this.log.lastIndex(),
        logTerm: this.log.lastTerm(),
        context: kind === "transfer" ? CAMPAIGN_TRANSFER : undefined,
      });
    }
  }

  private poll(id: RaftId, granted: boolean): "won" | "lost" | "pending" {
    this.trk.recordVote(id, granted);
    return this.trk.tallyVotes().result;
  }

  // ---- follower -----------------------------------------------------------------------------------------------

  private stepFollower = (m: RaftMessage): DropReason | undefined => {
    switch (m.type) {
      case "MsgProp":
      case "MsgTransferLeader":
      case "MsgReadIndex":
        // Followers forward to the leader, as etcd does; with no leader there is nobody to forward to.
        if (this.lead === NONE) return ERR_NO_LEADER;
        this.forward(m);
        return undefined;
      case "MsgApp":
        this.electionElapsed = 0;
        this.lead = m.from;
        this.handleAppendEntries(m);
        return undefined;
      case "MsgHeartbeat":
        this.electionElapsed = 0;
        this.lead = m.from;
        this.handleHeartbeat(m);
        return undefined;
      case "MsgTimeoutNow":
        // The leader chose us in a transfer: campaign at once, skipping the pre-vote and cutting through leases.
        this.hup("transfer");
        return undefined;
      case "MsgReadIndexResp":
        this.readStates.push({ index: m.index ?? 0, context: m.context ?? "" });
        return undefined;
      default:
        return undefined;
    }
  };

  private handleAppendEntries(m: RaftMessage): void {
    const index = m.index ?? 0;
    if (index < this.log.committed) {
      // Everything up to our commit index is settled; tell the leader where to continue.
      this.send({ type: "MsgAppResp", to: m.from, term: this.term, index: this.log.committed });
      return;
    }
    const last = this.log.maybeAppend(index, m.logTerm ?? 0, m.commit ?? 0, m.entries ?? []);
    if (last !== undefined) {
      this.send({ type: "MsgAppResp", to: m.from, term: this.term, index: last });
      return;
    }
    // The consistency check failed. Hint the highest index whose term is <= the leader's term there, so the
    // leader skips a whole term of mismatching entries per round trip instead of one entry.
    const hint = this.log.findConflictByTerm(Math.min(index, this.log.lastIndex()), m.logTerm ?? 0);
    this.send({ type: "MsgAppResp", to: m.from, term: this.term, index, reject: true, rejectHint: hint.index, logTerm: hint.term });
  }

  private handleHeartbeat(m: RaftMessage): void {
    this.log.commitTo(m.commit ?? 0);
    this.send({ type: "MsgHeartbeatResp", to: m.from, term: this.term, context: m.context });
  }

  // ---- candidate and pre-candidate ----------------------------------------------------------------------------

  private stepCandidate = (m: RaftMessage): DropReason | undefined => {
    const myVoteResp = this.state === "pre-candidate" ? "MsgPreVoteResp" : "MsgVoteResp";
    switch (m.type) {
      case "MsgProp":
      case "MsgReadIndex":
      case "MsgTransferLeader":
        return ERR_NO_LEADER;
      case "MsgApp":
        this.becomeFollower(m.term, m.from);
        this.handleAppendEntries(m);
        return undefined;
      case "MsgHeartbeat":
        this.becomeFollower(m.term, m.from);
        this.handleHeartbeat(m);
        return undefined;
      case myVoteResp:
        this.handleVoteResponse(m);
        return undefined;
      default:
        return undefined;
    }
  };

  private handleVoteResponse(m: RaftMessage): void {
    const result = this.poll(m.from, !m.reject);
    if (result === "won") {
      if (this.state === "pre-candidate") {
        this.campaign("election");
      } else {
        this.becomeLeader();
        this.bcastAppend();
      }
    } else if (result === "lost") {
      if (this.state === "pre-candidate") this.events.push({ kind: "pre-vote-failed", term: this.term + 1 });
      this.becomeFollower(this.term, NONE);
    }
  }

  // ---- leader -------------------------------------------------------------------------------------------------

  private stepLeader = (m: RaftMessage): DropReason | undefined => {
    switch (m.type) {
      case "MsgBeat":
        this.bcastHeartbeat();
        return undefined;
      case "MsgCheckQuorum":
        if (!this.trk.quorumActive(this.id)) {
          this.becomeFollower(this.term, NONE);
          this.noteStepDown("it has not heard from a quorum for an election timeout");
        }
        this.trk.resetRecentActive(this.id);
        return undefined;
      case "MsgProp":
        return this.handleProposal(m);
      case "MsgReadIndex":
        return this.handleReadIndex(m);
      default:
        return this.stepLeaderFromPeer(m);
    }
  };

  private handleProposal(m: RaftMessage): DropReason | undefined {
    if (!this.trk.progress.has(this.id)) return ERR_REMOVED;
    if (this.leadTransferee !== NONE) return ERR_TRANSFERRING;
    const entries = m.entries ?? [];
    for (const e of entries) {
      if (e.type !== "conf") continue;
      if (!isConfChange(e.data)) return "not a membership change";
      if (this.pendingConfIndex > this.log.applied) return ERR_CONF_PENDING;
      const problem = confChangeProblem(this.conf, e.data);
      if (problem) return problem;
      this.pendingConfIndex = this.log.lastIndex() + 1;
    }
    this.appendEntries(entries);
    this.bcastAppend();
    return undefined;
  }

  private handleReadIndex(m: RaftMessage): DropReason | undefined {
    if (!this.committedEntryInCurrentTerm()) {
      // Until an entry of our term is committed we do not know the true commit index (§6.4): hold the read.
      this.pendingReadIndexMessages.push(m);
      return undefined;
    }
    this.sendReadIndexResponse(m);
    return undefined;
  }

  private sendReadIndexResponse(m: RaftMessage): void {
    const context = m.context ?? "";
    this.readOnly.addRequest(this.log.committed, context, m.from, this.id);
    this.maybeReleaseReads(context, this.readOnly.recvAck(this.id, context));
    if (this.trk.voters.length > 1) this.bcastHeartbeat(context);
  }

  private maybeReleaseReads(context: string, acks: ReadonlySet<RaftId> | undefined): void {
    if (!acks) return;
    const votes = new Map<RaftId, boolean>();
    for (const id of acks) votes.set(id, true);
    if (voteResult(this.trk.voters, votes) !== "won") return;
    for (const req of this.readOnly.advance(context)) this.answerRead(req);
  }

  private answerRead(req: ReadIndexRequest): void {
    if (req.from === this.id) this.readStates.push({ index: req.index, context: req.context });
    else this.send({ type: "MsgReadIndexResp", to: req.from, term: this.term, index: req.index, context: req.context });
  }

  private releasePendingReads(): void {
    if (this.pendingReadIndexMessages.length === 0 || !this.committedEntryInCurrentTerm()) return;
    const queued = this.pendingReadIndexMessages;
    this.pendingReadIndexMessages = [];
    for (const m of queued) this.sendReadIndexResponse(m);
  }

  private committedEntryInCurrentTerm(): boolean {
    return this.log.term(this.log.committed) === this.term;
  }

  /** Messages a peer sends the leader about itself: answers to appends and heartbeats, transfer requests. */
  private stepLeaderFromPeer(m: RaftMessage): DropReason | undefined {
    const pr = this.trk.progress.get(m.from);
    if (!pr) return undefined;
    switch (m.type) {
      case "MsgAppResp":
        pr.recentActive = true;
        if (m.reject) this.handleAppendRejection(m);
        else this.handleAppendAcceptance(m);
        return undefined;
      case "MsgHeartbeatResp":
        pr.recentActive = true;
        pr.paused = false;
        // A follower behind gets entries again; past a full window, one more append re-synchronises it in case
        // every message in that window was lost.
        if (pr.match < this.log.lastIndex()) this.sendAppend(m.from, true, true);
        if (m.context) this.maybeReleaseReads(m.context, this.readOnly.recvAck(m.from, m.context));
        return undefined;
      case "MsgTransferLeader":
        this.handleTransferLeader(m.from);
        return undefined;
      default:
        return undefined;
    }
  }

  private handleAppendRejection(m: RaftMessage): void {
    const pr = this.trk.progress.get(m.from);
    if (!pr) return;
    let probeFrom = m.rejectHint ?? 0;
    // Skip every index of ours whose term is above the follower's term at the hint: none of them can match.
    if ((m.logTerm ?? 0) > 0) probeFrom = this.log.findConflictByTerm(probeFrom, m.logTerm ?? 0).index;
    if (pr.maybeDecrTo(m.index ?? 0, probeFrom)) {
      if (pr.state === "replicate") pr.becomeProbe();
      this.sendAppend(m.from, true);
    }
  }

  private handleAppendAcceptance(m: RaftMessage): void {
    const pr = this.trk.progress.get(m.from);
    if (!pr) return;
    const wasPaused = pr.isPaused();
    if (!pr.maybeUpdate(m.index ?? 0)) return;
    if (pr.state === "probe") pr.becomeReplicate();
    else pr.inflights.freeLE(m.index ?? 0);
    if (this.maybeCommit()) {
      this.releasePendingReads();
      this.bcastAppend();
    } else if (wasPaused) {
      this.sendAppend(m.from, true);
    }
    while (this.sendAppend(m.from, false)) {
      // Stream the rest of the log while the window allows.
    }
    if (m.from === this.leadTransferee && pr.match === this.log.lastIndex()) this.sendTimeoutNow(m.from);
  }

  private handleTransferLeader(transferee: RaftId): void {
    if (this.leadTransferee !== NONE) {
      if (this.leadTransferee === transferee) return;
      this.abortLeaderTransfer();
    }
    if (transferee === this.id) return;
    // The transfer must finish within an election timeout, counted from now.
    this.electionElapsed = 0;
    this.leadTransferee = transferee;
    this.events.push({ kind: "transfer-started", to: transferee });
    const pr = this.trk.progress.get(transferee);
    if (pr && pr.match === this.log.lastIndex()) this.sendTimeoutNow(transferee);
    else this.sendAppend(transferee, true);
  }

  private sendTimeoutNow(to: RaftId): void {
    this.send({ type: "MsgTimeoutNow", to, term: this.term });
  }

  private abortLeaderTransfer(): void {
    if (this.leadTransferee !== NONE) this.events.push({ kind: "transfer-aborted", to: this.leadTransferee });
    this.leadTransferee = NONE;
  }

  /**
   * Appends entries proposed to this leader, stamping them with its term and the next indexes. (Entries are built
   * with their fields in sorted order, like every record that travels: canonical JSON then need not sort them.)
   */
  private appendEntries(proposed: readonly Entry[]): void {
    let index = this.log.lastIndex();
    const stamped = proposed.map((e): Entry => {
      index++;
      return e.data === undefined ? { index, term: this.term, type: e.type } : { data: e.data, index, term: this.term, type: e.type };
    });
    this.log.append(stamped);
    this.trk.progress.get(this.id)?.maybeUpdate(this.log.lastIndex());
    // In a single-voter cluster our own copy is the quorum.
    this.maybeCommit();
  }

  /** Commit what a quorum has, but only by counting replicas of an entry from our own term (§5.4.2). */
  private maybeCommit(): boolean {
    return this.log.maybeCommit(this.trk.committed(), this.term);
  }

  private bcastAppend(): void {
    for (const to of this.trk.others(this.id)) this.sendAppend(to, true);
  }

  private bcastHeartbeat(context = this.readOnly.lastPendingContext()): void {
    for (const to of this.trk.others(this.id)) {
      const pr = this.trk.progress.get(to);
      // Never tell a follower to commit past what it is known to hold.
      const commit = Math.min(pr?.match ?? 0, this.log.committed);
      this.send({ type: "MsgHeartbeat", to, term: this.term, commit, context });
    }
  }

  /**
   * Sends `to` the entries from its next index on, preceded by the index and term that its log must already hold
   * (the consistency check). Returns whether a message was sent.
   */
  private sendAppend(to: RaftId, sendIfEmpty: boolean, ignorePause = false): boolean {
    const pr = this.trk.progress.get(to);
    if (!pr || (!ignorePause && pr.isPaused())) return false;
    const prevIndex = pr.next - 1;
    const prevTerm = this.log.term(prevIndex);
    if (prevTerm === undefined) throw new Error(`progress of ${to} points past the log (next ${pr.next})`);
    const hi = Math.min(this.log.lastIndex() + 1, pr.next + this.cfg.maxEntriesPerMsg);
    const entries = this.log.slice(pr.next, hi);
    if (entries.length === 0 && !sendIfEmpty) return false;
    this.send({ type: "MsgApp", to, term: this.term, index: prevIndex, logTerm: prevTerm, entries, commit: this.log.committed });
    pr.sentEntries(prevIndex + entries.length, entries.length);
    return true;
  }

  // ---- membership ---------------------------------------------------------------------------------------------

  private applyConf(cc: ConfChange, index: number): void {
    const asLeader = this.state === "leader";
    this.conf = applyConfChange(this.conf, cc);
    this.trk.voters = [...this.conf.voters];
    this.syncProgressToVoters();
    this.events.push({ kind: "conf-applied", change: cc, index, asLeader });
    if (this.state !== "leader") return;
    if (!this.conf.voters.includes(this.id)) {
      this.becomeFollower(this.term, NONE);
      this.noteStepDown("it was removed from the cluster");
      return;
    }
    if (this.leadTransferee !== NONE && !this.trk.isVoter(this.leadTransferee)) this.abortLeaderTransfer();
    // Fewer voters may mean a smaller quorum that already holds more entries.
    if (this.maybeCommit()) {
      this.releasePendingReads();
      this.bcastAppend();
    } else {
      for (const to of this.trk.others(this.id)) this.sendAppend(to, false);
    }
  }

  /**
   * New voters start probing from the end of our log and count as recently active, so that a CheckQuorum right
   * after the change does not depose us before they have had a chance to answer. Removed voters are forgotten.
   */
  private syncProgressToVoters(): void {
    for (const id of [...this.trk.progress.keys()]) {
      if (!this.trk.isVoter(id)) this.trk.progress.delete(id);
    }
    for (const id of this.trk.voters) {
      if (this.trk.progress.has(id)) continue;
      const pr = new Progress(0, this.log.lastIndex() + 1, this.cfg.maxInflight);
      pr.recentActive = true;
      this.trk.progress.set(id, pr);
    }
  }

  /**
   * Passes a request on to the leader unchanged, keeping its original sender: the transferee of a transfer, the
   * node waiting for a read. Proposals and reads travel without a term, like local messages, as in etcd.
   */
  private forward(m: RaftMessage): void {
    this.msgs.push({ ...m, to: this.lead, term: m.type === "MsgTransferLeader" ? this.term : 0 });
  }

  /** Sends a message built for this call (every caller passes a fresh literal), stamped with our id. */
  private send(m: Omit<RaftMessage, "from">): void {
    // Stamped in place rather than copied with a spread: the messages come in a dozen shapes, which makes the
    // spread's copy generic and slow, and this was the costliest line of a leader's Ready.
    const out = m as RaftMessage;
    out.from = this.id;
    this.msgs.push(out);
  }
}
