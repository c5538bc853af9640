// The class room: a teacher's session for a whole class. It keeps the roster, puts students into groups (each
// group plays its own game room: an ordinary GameRoom created here) or into one large cluster, decides every
// student's seat and hands them a ticket to it, fans the teacher's time controls out to the game rooms, runs
// predict-and-reveal questions and keeps the scores. Game rules stay in the game rooms; seating rules in
// seating.ts, scoring in scores.ts. docs/protocol.md ("Class sessions") is the contract with the browser.

import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { CloseCode, ErrorCode, matchMaker, Room, ServerError, type AuthContext, type Client, type MessageContext } from "@colyseus/core";
import { StateView } from "@colyseus/schema";
import { classClusterSize, classMaxNodes } from "../../../shared/levels/class-cluster";
import { clusterNodes, type Level } from "../../../shared/levels/schema";
import {
  CLASS_CLOSE,
  CLASS_CONTROL_WORDS,
  type ClassChooseRole,
  ClassChooseRole as ChooseRoleSchema,
  ClassControl,
  ClassCreateOptions,
  ClassJoinOptions,
  type ClassMessageType,
  type ClassMode,
  type ClassRole,
  ClassVote,
} from "../../../shared/protocol/class-messages";
import { generateJoinCode, normalizeJoinCode } from "../../../shared/protocol/join-code";
import { type ControlMessage, describeIssues, type ResultMessage } from "../../../shared/protocol/messages";
import { levelCatalog } from "../../levels-catalog";
import { RECONNECT_SECONDS } from "../GameRoom";
import { ClassState } from "../schema/class/ClassState";
import { GroupView } from "../schema/class/GroupView";
import { MySeat } from "../schema/class/MySeat";
import { StudentView } from "../schema/class/StudentView";
import { TeamScore } from "../schema/class/TeamScore";
import { uniqueName } from "../seats";
import type { ClassGameOptions } from "./class-link";
import { applySeat, closeGroupRoom, controlGroup, createGroupRoom, expectStudent, type GroupRoom, relinkLiveGroupRoom, reportOf, resizeGroup, unseat } from "./group-rooms";
import { ClassQuestions } from "./class-questions";
import { groupScore, playerScore, teamScores } from "../../../shared/classroom/scores";
import { autoSeat, checkSeat, defaultTeam, groupWithRoom, type Placement, seatStillValid, splitIntoGroups } from "./seating";
import { hashToken, holdForReturn, RESTORE_CLASS_KEY, roomStore } from "../../store";
import { ClassRecord, type RosterLine } from "./class-record";
import type { ClassSnapshot } from "./class-snapshot";
import { holdsSeatOnDrop, limitMessageRate } from "../rate-limit";

/** How often the class asks its game rooms what their rounds have done (the scores and the group list follow). */
const REPORT_MS = 1000;
/** The teacher's roster id; students are s1, s2, ... */
const TEACHER_ID = "s0";
const CREATOR_KEY = "creatorKey";

interface Metadata {
  code: string;
  level: string;
}

type Answer = string | undefined;

export class ClassRoom extends Room<{ state: ClassState; metadata: Metadata }> {
  override state = new ClassState();
  override maxClients = 100;

  private level!: Level;
  private seed = 0;
  private creatorKey = "";
  /** The teacher's ticket into every group's game room. */
  private readonly hostKey = randomUUID();
  /** The game room of each group, by group id (the order is state.groups'). */
  private readonly rooms = new Map<string, GroupRoom>();
  /** sessionId -> studentId for the sessions that speak for a student now. */
  private readonly sessions = new Map<string, string>();
  /** Students whose team the teacher chose: it no longer follows their role. */
  private readonly teamByHost = new Set<string>();
  /** The question asked now, its screens and its record (class-questions.ts). */
  private readonly questions = new ClassQuestions(this.state, () => this.record);
  private nextStudent = 1;
  private nextGroup = 1;
  /**
   * The node count of the one large cluster, when the class plays one on a level that grows with the class
   * (cluster.classCluster); 0 otherwise, and the level's own nodes are the seats.
   */
  private wholeNodes = 0;
  /** Set once the teacher ends the class: the leaves that follow are not students leaving on their own. */
  private ending = false;
  /** Joins, leaves and teacher's ops await the game rooms: one at a time, so none sees another half done. */
  private queue: Promise<unknown> = Promise.resolve();
  /** What the class writes to the store as it changes (class-record.ts), so a restarted server brings it back. */
  private record?: ClassRecord;
  /** studentId -> hash of their rejoin token: how a returning student is known, before and after a restart. */
  private readonly tokenHashes = new Map<string, string>();
  /** "group|studentId" -> actions taken in that group's game before a restart (the restored game counts from 0). */
  private readonly actionsBefore = new Map<string, number>();
  /** Each group's round phase as last reported, so that the end of a round is scored once. */
  private readonly lastPhase = new Map<string, string>();

  static override async onAuth(_token: string, options: Record<string, unknown>, _context: AuthContext): Promise<unknown> {
    delete options[CREATOR_KEY];
    delete options[RESTORE_CLASS_KEY]; // only the server restores a stored class (store/recover.ts)
    if (options.code === undefined) {
      options[CREATOR_KEY] = randomUUID();
      return true;
    }
    if (typeof options.code !== "string") throw new ServerError(ErrorCode.MATCHMAKE_INVALID_CRITERIA, "The class code must be text, such as K7M2Q.");
    const parsed = normalizeJoinCode(options.code);
    if (!parsed.ok) throw new ServerError(ErrorCode.MATCHMAKE_INVALID_CRITERIA, parsed.error);
    options.code = parsed.code;
    const rooms = await matchMaker.query<ClassRoom>({ name: "class", code: parsed.code });
    if (rooms.length === 0) {
      throw new ServerError(ErrorCode.MATCHMAKE_INVALID_CRITERIA, `No class has the code ${parsed.code}. Check it with your teacher: a class ends when the teacher ends it.`);
    }
    return true;
  }

  override async onCreate(options: Record<string, unknown>): Promise<void> {
    const restore = options[RESTORE_CLASS_KEY];
    if (typeof restore === "string") await this.restore(restore);
    else await this.start(options);

    this.onMessage("class-control", (client, payload, ctx) => this.answer(client, ctx, "class-control", payload));
    this.onMessage("vote", (client, payload, ctx) => this.answer(client, ctx, "vote", payload));
    this.onMessage("choose-role", (client, payload, ctx) => this.answer(client, ctx, "choose-role", payload));
    this.onMessage("*", (client, type) => {
      const shown = String(type).slice(0, 40);
      this.reply(client, undefined, { type: shown, ok: false, error: `Unknown message type "${shown}": send class-control, vote or choose-role.` });
    });
    this.clock.setInterval(() => void this.serial(() => this.refreshReports()), REPORT_MS);
    limitMessageRate(this); // a flooder is disconnected with a reason (rate-limit.ts)
  }

  /** A new class: the teacher's options, a fresh code, the first group's game. */
  private async start(options: Record<string, unknown>): Promise<void> {
    const parsed = ClassCreateOptions.safeParse(options, { reportInput: true });
    if (!parsed.success) throw new ServerError(ErrorCode.APPLICATION_ERROR, `Cannot create a class: ${describeIssues(parsed.error)}`);
    const level = findLevel(parsed.data.level);
    if (typeof level === "string") throw new ServerError(ErrorCode.APPLICATION_ERROR, level);
    this.level = level;
    this.seed = parsed.data.seed ?? randomInt(0, 2 ** 31 - 1);
    this.creatorKey = typeof options[CREATOR_KEY] === "string" ? options[CREATOR_KEY] : "";
    const code = await this.unusedCode();
    await this.setMetadata({ code, level: this.level.id });
    const s = this.state;
    s.code = code;
    s.levelId = this.level.id;
    s.levelTitle = this.level.title;
    this.showSeats();
    s.mode = parsed.data.mode;
    s.groupSize = parsed.data.groupSize;
    s.roster.set(TEACHER_ID, new StudentView({ studentId: TEACHER_ID, name: parsed.data.name, role: "host", host: true, connected: false }));
    s.mine.set(TEACHER_ID, this.newSeat(TEACHER_ID, this.hostKey));
    const hostTokenHash = this.tokenHashes.get(TEACHER_ID) as string;
    this.record = ClassRecord.create(roomStore(), { code, level: this.level.id, title: `${parsed.data.name}'s class`, hostTokenHash });
    // The first group exists from the start, so the teacher's console has a cluster to show before anyone arrives.
    await this.addGroup();
    this.persist();
  }

  /** A student's (or the teacher's) own seat, with a new rejoin token, of which the class keeps only the hash. */
  private newSeat(studentId: string, ticket = ""): MySeat {
    const rejoinToken = randomUUID();
    this.tokenHashes.set(studentId, hashToken(rejoinToken));
    return new MySeat({ studentId, rejoinToken, ticket });
  }

  override async onJoin(client: Client, options: Record<string, unknown>): Promise<void> {
    await this.serial(() => this.admit(client, options));
  }

  override onDrop(client: Client, code?: number): void {
    const student = this.studentOf(client.sessionId);
    if (!student) return; // replaced or removed: nothing to hold
    student.connected = false;
    if (!holdsSeatOnDrop(code)) return; // no reconnection (rate-limit.ts); the rejoin token still works
    this.allowReconnection(client, RECONNECT_SECONDS).catch(() => undefined);
  }

  override onReconnect(client: Client): void {
    const student = this.studentOf(client.sessionId);
    if (student) student.connected = true;
    else this.kickClient(client.sessionId, CLASS_CLOSE.replaced, "You are in this class in another window.");
  }

  override async onLeave(client: Client, code?: number): Promise<void> {
    const student = this.studentOf(client.sessionId);
    this.sessions.delete(client.sessionId);
    client.view?.dispose();
    if (!student || this.ending) return;
    student.connected = false;
    student.sessionId = "";
    // Gone without saying so (the reconnection window passed): the seat stays, for the rejoin token to reclaim.
    if (code !== CloseCode.CONSENTED) return;
    if (student.host) {
      await this.endClass("The teacher ended the class.");
      return;
    }
    await this.serial(() => this.dropStudent(student, "You left the class."));
  }

  override async onDispose(): Promise<void> {
    // Ended for good (a stopping server has closed its store first, and writes nothing: the class comes back).
    this.record?.end();
    // A stopping server disposes the games itself; asking them to close would only wait for rooms already going.
    if (matchMaker.state === matchMaker.MatchMakerState.SHUTTING_DOWN) return;
    const rooms = [...this.rooms.values()];
    this.rooms.clear();
    await Promise.all(rooms.map((room) => closeGroupRoom(room, "The class has ended.")));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Joining

  private async admit(client: Client, options: Record<string, unknown>): Promise<void> {
    const teacher = this.state.roster.get(TEACHER_ID) as StudentView;
    if (this.creatorKey !== "" && options[CREATOR_KEY] === this.creatorKey) {
      this.creatorKey = ""; // one use
      this.bind(client, teacher);
      return;
    }
    if (options.code !== this.state.code) throw new ServerError(ErrorCode.MATCHMAKE_INVALID_CRITERIA, "This class is joined with its 5-character code.");
    const parsed = ClassJoinOptions.safeParse(options, { reportInput: true });
    if (!parsed.success) throw new ServerError(ErrorCode.APPLICATION_ERROR, `Cannot join: ${describeIssues(parsed.error)}`);
    if (parsed.data.rejoin !== undefined) {
      const hash = hashToken(parsed.data.rejoin);
      const id = [...this.tokenHashes].find(([, h]) => h === hash)?.[0];
      const student = id === undefined ? undefined : this.state.roster.get(id);
      if (!student) throw new ServerError(ErrorCode.MATCHMAKE_EXPIRED, "This class does not know that rejoin token (it may have removed you): join again with your name.");
      const mine = this.state.mine.get(student.studentId);
      if (mine) mine.rejoinToken = parsed.data.rejoin; // a class brought back by a restart knows only its hash
      this.bind(client, student);
      return;
    }
    if (this.state.locked) throw new ServerError(ErrorCode.MATCHMAKE_INVALID_CRITERIA, "The class is locked: ask your teacher to let you in.");
    const id = `s${this.nextStudent++}`;
    const names = [...this.state.roster.values()].map((v) => ({ sessionId: v.studentId, name: v.name, role: "spectator" as const, node: "", host: false }));
    const student = new StudentView({ studentId: id, name: uniqueName(names, parsed.data.name ?? ""), connected: true });
    this.state.roster.set(id, student);
    this.state.mine.set(id, this.newSeat(id));
    this.bind(client, student);
    const group = this.state.mode === "whole" ? this.groupIds()[0] : groupWithRoom(this.groupCounts(), this.state.groupSize);
    if (this.state.mode === "whole") await this.growWhole();
    await this.seatIn(student, group ?? (await this.addGroup()));
  }

  /** This session now speaks for the student; an older one of theirs gives way. */
  private bind(client: Client, student: StudentView): void {
    const previous = student.sessionId;
    if (previous !== "" && previous !== client.sessionId) {
      this.sessions.delete(previous);
      this.kickClient(previous, CLASS_CLOSE.replaced, "You joined the class again in another window.");
    }
    this.sessions.set(client.sessionId, student.studentId);
    student.sessionId = client.sessionId;
    student.connected = true;
    client.view = new StateView();
    const mine = this.state.mine.get(student.studentId);
    if (mine) client.view.add(mine);
  }

  private studentOf(sessionId: string): StudentView | undefined {
    const id = this.sessions.get(sessionId);
    return id === undefined ? undefined : this.state.roster.get(id);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Messages

  /** Every message is answered: through room.request's reply when the client asked that way, else a `result`. */
  private async answer(client: Client, ctx: MessageContext, type: ClassMessageType, payload: unknown): Promise<ResultMessage> {
    const me = this.studentOf(client.sessionId);
    const op = opOf(payload);
    let error: Answer;
    try {
      if (!me) error = "You are not in this class.";
      else if (type === "class-control") error = await this.serial(() => this.onControl(me, payload, op));
      else if (type === "vote") error = this.onVote(me, payload);
      else error = await this.serial(() => this.onChooseRole(me, payload));
    } catch (e) {
      // A bug or a game room that did not answer: the sender hears so, and the class goes on.
      console.error(`[class ${this.state.code}] ${type} ${op ?? ""} failed:`, e);
      error = `The server could not do that (${e instanceof Error ? e.message.slice(0, 120) : "an internal error"}); the class goes on.`;
    }
    const action = type === "class-control" ? op : undefined;
    return this.reply(client, ctx, { type, ok: error === undefined, ...(error !== undefined ? { error } : {}), ...(action ? { action } : {}) });
  }

  private reply(client: Client, ctx: MessageContext | undefined, result: ResultMessage): ResultMessage {
    if (ctx?.id === undefined) client.send("result", result, { afterNextPatch: true });
    return result;
  }

  private async onControl(me: StudentView, payload: unknown, op: string | undefined): Promise<Answer> {
    if (!me.host) {
      const words = op !== undefined && Object.hasOwn(CLASS_CONTROL_WORDS, op) ? CLASS_CONTROL_WORDS[op as keyof typeof CLASS_CONTROL_WORDS] : "use the class controls";
      return `Only the teacher can ${words}.`;
    }
    const parsed = ClassControl.safeParse(payload, { reportInput: true });
    if (!parsed.success) return `Bad "class-control" message: ${describeIssues(parsed.error)}`;
    const m = parsed.data;
    const s = this.state;
    switch (m.op) {
      case "assign":
        return this.assign(m.student, m);
      case "form-groups":
        return this.formGroups(m.size);
      case "mode":
        if (m.mode === s.mode) return `The class already plays ${m.mode === "whole" ? "one cluster" : "in groups"}.`;
        s.mode = m.mode;
        return this.rebuild(this.layoutFor(m.mode), m.mode === "whole" ? "The class now plays one large cluster together." : "The class now plays in groups.");
      case "allow-choice":
        s.allowChoice = m.allowed;
        return undefined;
      case "lock":
      case "unlock":
        s.locked = m.op === "lock";
        return undefined;
      case "remove": {
        const student = this.studentFor(m.student);
        if (typeof student === "string") return student;
        await this.dropStudent(student, "The teacher removed you from the class.");
        return undefined;
      }
      case "broadcast":
        s.broadcast.text = m.text;
        s.broadcast.at = Date.now();
        return undefined;
      case "spotlight":
        if (m.student !== "") {
          const student = this.studentFor(m.student);
          if (typeof student === "string") return student;
        }
        s.spotlight = m.student;
        return undefined;
      case "level": {
        const level = findLevel(m.level);
        if (typeof level === "string") return level;
        this.level = level;
        s.levelId = level.id;
        s.levelTitle = level.title;
        this.showSeats();
        await this.setMetadata({ code: s.code, level: level.id });
        return this.rebuild(this.layoutFor(s.mode as ClassMode, true), `The teacher changed the level to "${level.title}".`);
      }
      case "poll-open":
        return this.questions.ask(m.question, m.choices);
      case "poll-close":
        return this.questions.close();
      case "poll-reveal":
        return this.questions.reveal();
      case "play":
        return this.hostPlay(me, m);
      case "stop-playing":
        return this.hostStop(me);
      default:
        return this.timeControl(m, me.name);
    }
  }

  /** A student's vote: one each, changeable while the question is open; only they see what they chose. */
  private onVote(me: StudentView, payload: unknown): Answer {
    if (me.host) return "The teacher asks the question; the students answer it.";
    const parsed = ClassVote.safeParse(payload, { reportInput: true });
    if (!parsed.success) return `Bad "vote" message: ${describeIssues(parsed.error)}`;
    const error = this.questions.vote(me, parsed.data.poll, parsed.data.choice);
    if (error) return error;
    this.persist();
    return undefined;
  }

  private async onChooseRole(me: StudentView, payload: unknown): Promise<Answer> {
    if (me.host) return "The teacher watches every group; roles are for the students.";
    if (!this.state.allowChoice) return "Your teacher assigns the roles in this class.";
    const parsed = ChooseRoleSchema.safeParse(payload, { reportInput: true });
    if (!parsed.success) return `Bad "choose-role" message: ${describeIssues(parsed.error)}`;
    return this.reseat(me, me.group, parsed.data);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Seats and groups

  /** The teacher's `assign`: a student's group, role (and node) and team, all checked before anything changes. */
  private async assign(studentId: string, m: { role?: ClassRole; node?: string; team?: string; group?: string }): Promise<Answer> {
    const student = this.studentFor(studentId);
    if (typeof student === "string") return student;
    if (m.group !== undefined && !this.rooms.has(m.group)) return `There is no group "${m.group}"; the groups are ${this.groupIds().join(", ")}.`;
    // A node alone means the node role.
    const role = m.role ?? (m.node !== undefined ? "node" : undefined);
    if (role !== undefined || (m.group !== undefined && m.group !== student.group)) {
      const wanted = role !== undefined ? { role, ...(m.node !== undefined ? { node: m.node } : {}) } : undefined;
      const error = await this.reseat(student, m.group ?? student.group, wanted);
      if (error) return error;
    }
    if (m.team !== undefined) {
      student.team = m.team;
      this.teamByHost.add(student.studentId);
    }
    return undefined;
  }

  /**
   * Gives a student a seat in `groupId`: the one wanted (refused with the game's own words if it is taken or not in
   * the level), or the first free one. A change of group moves them to that group's game room with a new ticket.
   */
  private async reseat(student: StudentView, groupId: string, wanted?: ClassChooseRole): Promise<Answer> {
    const room = this.rooms.get(groupId);
    if (!room) return "You are not in a group yet.";
    if (wanted) {
      const others = this.seatHolders(groupId).filter((p) => p.studentId !== student.studentId);
      const answer = checkSeat(others, this.placementOf(student), wanted, this.level.roles, this.seatNodes());
      if (!answer.ok) return answer.error;
      if (groupId === student.group) {
        const error = await applySeat(room, student.studentId, answer.role, answer.node);
        if (error) return error;
        this.setSeat(student, answer.role, answer.node);
        return undefined;
      }
    }
    await this.leaveGroup(student, `You moved to group ${groupId}.`);
    await this.seatIn(student, groupId, wanted);
    return undefined;
  }

  /** Seats a student who is in no group into `groupId` and sends them their ticket. */
  private async seatIn(student: StudentView, groupId: string, wanted?: ClassChooseRole): Promise<void> {
    const room = this.rooms.get(groupId) as GroupRoom;
    const others = this.seatHolders(groupId).filter((p) => p.studentId !== student.studentId);
    const nodes = this.seatNodes();
    const me = { ...this.placementOf(student), role: "spectator" as ClassRole, node: "" };
    const asked = wanted && checkSeat(others, me, wanted, this.level.roles, nodes);
    const seat = asked?.ok ? asked : autoSeat(this.state.mode as ClassMode, others, me, this.level.roles, nodes);
    student.group = groupId;
    this.setSeat(student, seat.role, seat.node);
    await this.issueTicket(student, room);
  }

  /** A new ticket to the student's seat in `room`'s game, on their own screen (their earlier ticket stops working). */
  private async issueTicket(student: StudentView, room: GroupRoom): Promise<void> {
    const ticket = randomUUID();
    await expectStudent(room, ticket, { studentId: student.studentId, name: student.name, role: student.role as ClassRole, node: student.node, host: false });
    const mine = this.state.mine.get(student.studentId);
    if (mine) {
      mine.gameCode = room.gameCode;
      mine.ticket = ticket;
    }
  }

  /** Takes a student out of their group's game room (they keep their place in the class). */
  private async leaveGroup(student: StudentView, reason: string): Promise<void> {
    const room = this.rooms.get(student.group);
    if (room) await unseat(room, student.studentId, reason);
    student.group = "";
    this.setSeat(student, "spectator", "");
    const mine = this.state.mine.get(student.studentId);
    if (mine) {
      mine.gameCode = "";
      mine.ticket = "";
    }
  }

  private setSeat(student: StudentView, role: ClassRole, node: string): void {
    student.role = role;
    student.node = node;
    if (!this.teamByHost.has(student.studentId)) student.team = defaultTeam(role);
  }

  /**
   * `play`: the teacher takes a seat (a role, or a node) in a group's game, or the one large cluster's, by the same
   * rules as a student, and stays its host. A seat in another group is given up once the new one is taken.
   */
  private async hostPlay(teacher: StudentView, m: { group?: string; role?: ClassRole; node?: string }): Promise<Answer> {
    const groupId = m.group ?? (this.state.mode === "whole" ? this.groupIds()[0] : undefined);
    if (groupId === undefined) return `Say which group's game to play in; the groups are ${this.groupIds().join(", ")}.`;
    const room = this.rooms.get(groupId);
    if (!room) return `There is no group "${groupId}"; the groups are ${this.groupIds().join(", ")}.`;
    const role = m.role ?? (m.node !== undefined ? "node" : undefined);
    if (role === undefined || role === "spectator") return "Say which role to play (operator, chaos, client or node); to only watch again, stop playing.";
    const others = this.seatHolders(groupId).filter((p) => p.studentId !== TEACHER_ID);
    const wanted = { role, ...(m.node !== undefined ? { node: m.node } : {}) };
    const answer = checkSeat(others, { ...this.placementOf(teacher), role: "spectator", node: "" }, wanted, this.level.roles, this.seatNodes());
    if (!answer.ok) return answer.error;
    // The new seat first: if its game refuses it, the teacher still holds the old one, as the roster says.
    const error = await applySeat(room, TEACHER_ID, answer.role, answer.node);
    if (error) return error;
    const previous = teacher.group !== groupId ? this.rooms.get(teacher.group) : undefined;
    const released = previous && (await applySeat(previous, TEACHER_ID, "host", ""));
    if (released) {
      // The old game kept the seat (it should never refuse its host only hosting): undo the new one, so the teacher
      // holds exactly one seat and the roster names it.
      await applySeat(room, TEACHER_ID, "host", "");
      return released;
    }
    this.setTeacherSeat(teacher, groupId, answer.role, answer.node);
    return undefined;
  }

  /** `stop-playing`: the teacher gives their seat back to the bots and only hosts again. */
  private async hostStop(teacher: StudentView): Promise<Answer> {
    const room = this.rooms.get(teacher.group);
    if (!room) return "You are not playing in any group.";
    const error = await applySeat(room, TEACHER_ID, "host", "");
    if (error) return error;
    this.setTeacherSeat(teacher, "", "host", "");
    return undefined;
  }

  /** The teacher's row says where they play: group, role and node ("", "host", "" while they only host). */
  private setTeacherSeat(teacher: StudentView, group: string, role: string, node: string): void {
    teacher.group = group;
    teacher.role = role;
    teacher.node = node;
  }

  /** Removes a student from the class for good: their session closes with the reason, their seat and vote go. */
  private async dropStudent(student: StudentView, reason: string): Promise<void> {
    const id = student.studentId;
    if (student.sessionId !== "") {
      this.sessions.delete(student.sessionId);
      this.kickClient(student.sessionId, CLASS_CLOSE.removed, reason);
    }
    await this.leaveGroup(student, reason);
    this.state.roster.delete(id);
    this.state.mine.delete(id);
    this.tokenHashes.delete(id);
    this.teamByHost.delete(id);
    this.questions.forget(id);
    if (this.state.spotlight === id) this.state.spotlight = "";
  }

  /**
   * `form-groups`: groups of at most `size`, as even as they can be. Students stay together where the new sizes
   * allow (the order is by current group), so only those who must move change rooms.
   */
  /** The level's seats for the console: its roles besides host and spectator, and its nodes. */
  private showSeats(): void {
    this.state.roles = (["operator", "chaos", "client", "node"] as const).filter((r) => this.level.roles[r]).join(",");
    this.state.nodes = this.seatNodes().join(",");
  }

  /** The nodes students may play: the one large cluster's n1..nN when it grew with the class, else the level's. */
  private seatNodes(): string[] {
    if (this.wholeNodes > 0) return Array.from({ length: this.wholeNodes }, (_, i) => `n${i + 1}`);
    return clusterNodes(this.level);
  }

  /** Those who want a node of the one large cluster: every student, and the teacher while they play a node. */
  private nodePeople(): number {
    const teacher = this.state.roster.get(TEACHER_ID);
    return this.students().length + (teacher?.role === "node" ? 1 : 0);
  }

  /**
   * One node per student in the one large cluster, while its round has not started (a running round keeps its
   * size; later students take the other seats). Never shrinks: a student who leaves leaves their node to a bot.
   */
  private async growWhole(): Promise<void> {
    if (this.state.mode !== "whole" || classMaxNodes(this.level) === undefined) return;
    const wanted = classClusterSize(this.level, this.nodePeople());
    const room = this.rooms.get(this.groupIds()[0] ?? "");
    if (!room || wanted <= this.wholeNodes) return;
    const refused = await resizeGroup(room, wanted);
    if (refused) return;
    this.wholeNodes = wanted;
    this.showSeats();
  }

  private async formGroups(size: number): Promise<Answer> {
    if (this.state.mode !== "groups") return "The class plays one cluster: switch to groups first (mode).";
    this.state.groupSize = size;
    const layout = this.layoutFor("groups");
    while (this.rooms.size < layout.length) await this.addGroup();
    const ids = this.groupIds();
    const movers = layout.flatMap((members, i) => members.filter((s) => s.group !== ids[i]).map((s) => ({ s, to: ids[i] })));
    for (const { s, to } of movers) await this.leaveGroup(s, `You moved to group ${to}.`);
    for (const { s, to } of movers) await this.seatIn(s, to);
    for (const id of ids.slice(Math.max(1, layout.length))) await this.removeGroup(id, "Your group was merged into another.");
    return undefined;
  }

  /**
   * Every student, in groups: in groups mode by their current group (then by arrival), split into groups of the
   * class's size (or kept exactly as they are with `keepGroups`); in whole mode all in one.
   */
  private layoutFor(mode: ClassMode, keepGroups = false): StudentView[][] {
    const ids = this.groupIds();
    const rank = (s: StudentView) => (ids.indexOf(s.group) + 1 || ids.length + 1) * 1e6 + Number(s.studentId.slice(1));
    const students = this.students().sort((a, b) => rank(a) - rank(b));
    if (mode === "whole") return [students];
    if (keepGroups) return ids.map((id) => students.filter((s) => s.group === id));
    return splitIntoGroups(students, this.state.groupSize);
  }

  /**
   * New game rooms for everyone (a new level or mode): the old rooms close with the reason, and every student gets
   * a ticket to their new room, keeping their role where the level still has it.
   */
  private async rebuild(layout: StudentView[][], reason: string): Promise<Answer> {
    for (const id of this.groupIds()) await this.removeGroup(id, reason);
    this.nextGroup = 1;
    this.wholeNodes = 0;
    for (const members of layout.length > 0 ? layout : [[]]) {
      const groupId = await this.addGroup(members.length);
      const nodes = this.seatNodes();
      // A cluster grown for the class has a node for everyone: all are seated afresh, nodes first. Otherwise those
      // whose seat still exists take it first, then the others fill what is free.
      const kept = this.wholeNodes > 0 ? [] : members.filter((s) => seatStillValid(this.placementOf(s), this.level.roles, nodes));
      for (const s of members) s.group = "";
      for (const s of [...kept, ...members.filter((m) => !kept.includes(m))]) {
        const wanted = kept.includes(s) ? { role: s.role as ClassRole, ...(s.role === "node" ? { node: s.node } : {}) } : undefined;
        await this.seatIn(s, groupId, wanted);
      }
    }
    return undefined;
  }

  /** A new group and its game room; in one large cluster on a level that grows, with a node for each of `people`. */
  private async addGroup(people = 0): Promise<string> {
    const id = `g${this.nextGroup++}`;
    const link = this.linkOptions();
    if (this.state.mode === "whole" && classMaxNodes(this.level) !== undefined) {
      link.nodes = classClusterSize(this.level, people);
      this.wholeNodes = link.nodes;
    }
    const room = await createGroupRoom(this.level.id, this.seed, link);
    this.showSeats();
    this.rooms.set(id, room);
    this.state.groups.push(new GroupView({ id, gameCode: room.gameCode, speed: this.level.speed }));
    return id;
  }

  /** What links a group's game to this class (class-link.ts): the class code and the teacher's ticket. */
  private linkOptions(): ClassGameOptions {
    const teacher = this.state.roster.get(TEACHER_ID) as StudentView;
    return { classCode: this.state.code, hostKey: this.hostKey, hostId: TEACHER_ID, hostName: teacher.name };
  }

  private async removeGroup(id: string, reason: string): Promise<void> {
    const room = this.rooms.get(id);
    if (!room) return;
    this.rooms.delete(id);
    const teacher = this.state.roster.get(TEACHER_ID);
    if (teacher?.group === id) this.setTeacherSeat(teacher, "", "host", "");
    const index = this.state.groups.findIndex((g) => g.id === id);
    if (index >= 0) this.state.groups.splice(index, 1);
    for (const s of this.members(id)) {
      const student = this.state.roster.get(s.studentId);
      if (student) student.group = "";
    }
    await closeGroupRoom(room, reason);
  }

  private async endClass(reason: string): Promise<void> {
    this.ending = true;
    for (const client of [...this.clients]) this.kickClient(client.sessionId, CloseCode.CONSENTED, reason);
    await this.disconnect(CloseCode.CONSENTED);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Time and scores

  /** pause / resume / step / speed / start / restart, for every group or the one named. */
  private async timeControl(m: Extract<ClassControl, { op: "start" | "pause" | "resume" | "step" | "restart" | "speed" }>, by: string): Promise<Answer> {
    const targets = m.group === undefined ? this.groupIds() : [m.group];
    if (m.group !== undefined && !this.rooms.has(m.group)) return `There is no group "${m.group}"; the groups are ${this.groupIds().join(", ")}.`;
    const msg = (m.op === "speed" ? { op: "speed", speed: m.speed } : { op: m.op }) as ControlMessage;
    const refusals: string[] = [];
    for (const id of targets) {
      const error = await controlGroup(this.rooms.get(id) as GroupRoom, msg, by);
      if (error) refusals.push(targets.length > 1 ? `${id}: ${error}` : error);
    }
    await this.refreshReports();
    // Done where it could be: a group that was already paused does not make "pause everyone" fail.
    return refusals.length === targets.length ? refusals.join(" ") : undefined;
  }

  /** Asks every game room what its round has done, then scores groups, players and teams (scores.ts). */
  private async refreshReports(): Promise<void> {
    for (const view of this.state.groups) {
      const room = this.rooms.get(view.id);
      if (!room) continue;
      let report: Awaited<ReturnType<typeof reportOf>>;
      try {
        report = await reportOf(room);
      } catch (e) {
        console.warn(`[class ${this.state.code}] no report from group ${view.id}:`, e instanceof Error ? e.message : e);
        continue;
      }
      const { actions, ...facts } = report;
      Object.assign(view, facts);
      view.score = groupScore(facts);
      const members = this.students().filter((s) => s.group === view.id);
      for (const s of members) {
        s.actions = (actions[s.studentId] ?? 0) + (this.actionsBefore.get(`${view.id}|${s.studentId}`) ?? 0);
        s.score = playerScore(view.score, s.role, s.actions);
      }
      const before = this.lastPhase.get(view.id);
      this.lastPhase.set(view.id, view.phase);
      if (before !== undefined && before !== view.phase && (view.phase === "won" || view.phase === "lost")) {
        // The round's points, kept for good (the store's scores table; the live scores move on with the next round).
        this.record?.scored(members.map((s) => ({ name: s.name, points: s.score, reason: `${view.id} ${view.phase} ${this.level.id}` })));
      }
    }
    const teams = teamScores(this.students().filter((s) => s.group !== ""));
    for (const team of [...this.state.teams.keys()]) if (!teams.has(team)) this.state.teams.delete(team);
    for (const [team, t] of teams) {
      const view = this.state.teams.get(team);
      if (view) Object.assign(view, t);
      else this.state.teams.set(team, new TeamScore({ team, ...t }));
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Persistence (class-record.ts): what changed is written before the class answers, so a restarted server brings
  // the class back (store/recover.ts calls restore) with its roster, groups and their games, and its question.

  private persist(): void {
    if (!this.record) return;
    try {
      this.record.save(this.level.id, this.snapshot(), this.rosterLines());
    } catch (e) {
      // A full disk must not take the class down with it: it plays on, and says so in the server's log.
      console.error(`[class ${this.state.code}] could not write the class to the store:`, e);
    }
  }

  private snapshot(): ClassSnapshot {
    const s = this.state;
    const { poll, next: nextPoll } = this.questions.snapshot();
    return {
      version: 1,
      seed: this.seed,
      mode: s.mode as ClassMode,
      groupSize: s.groupSize,
      locked: s.locked,
      allowChoice: s.allowChoice,
      spotlight: s.spotlight,
      next: { student: this.nextStudent, group: this.nextGroup, poll: nextPoll },
      wholeNodes: this.wholeNodes,
      students: [...s.roster.values()].map((v) => ({
        id: v.studentId,
        name: v.name,
        host: v.host,
        team: v.team,
        teamChosen: this.teamByHost.has(v.studentId),
        group: v.group,
        role: v.role as ClassRole | "host",
        node: v.node,
        tokenHash: this.tokenHashes.get(v.studentId) ?? "",
        actions: v.actions,
      })),
      groups: s.groups.map((g) => ({ id: g.id, gameCode: g.gameCode })),
      ...(poll ? { poll } : {}),
    };
  }

  private rosterLines(): RosterLine[] {
    return this.students().map((s) => ({ name: s.name, team: s.team, group: s.group }));
  }

  /**
   * Brings back a stored class (a restarted server, store/recover.ts): its code, level, seating and question; each
   * group's game from its own journal (or a new game where that cannot be done); a new ticket for every seat. Nobody
   * is connected: students and the teacher come back with their rejoin tokens, and the class waits for them as long
   * as a restored game does.
   */
  private async restore(code: string): Promise<void> {
    const loaded = ClassRecord.load(roomStore(), code);
    if (typeof loaded === "string") throw new Error(loaded);
    const { record, session, snapshot: snap } = loaded;
    const level = findLevel(session.level);
    if (typeof level === "string") throw new Error(level);
    this.level = level;
    this.seed = snap.seed;
    this.record = record;
    await this.setMetadata({ code, level: level.id });
    const s = this.state;
    s.code = code;
    s.levelId = level.id;
    s.levelTitle = level.title;
    s.mode = snap.mode;
    s.groupSize = snap.groupSize;
    s.locked = snap.locked;
    s.allowChoice = snap.allowChoice;
    s.spotlight = snap.spotlight;
    this.nextStudent = snap.next.student;
    this.nextGroup = snap.next.group;
    this.wholeNodes = snap.wholeNodes;
    for (const st of snap.students) {
      const { id, tokenHash, teamChosen, ...view } = st;
      s.roster.set(id, new StudentView({ studentId: id, ...view, connected: false }));
      s.mine.set(id, new MySeat({ studentId: id, ticket: st.host ? this.hostKey : "" }));
      this.tokenHashes.set(id, tokenHash);
      if (teamChosen) this.teamByHost.add(id);
      if (st.group !== "") this.actionsBefore.set(`${st.group}|${id}`, st.actions);
    }
    this.showSeats();
    try {
      for (const g of snap.groups) {
        const room = await this.restoreGame(g.gameCode);
        this.rooms.set(g.id, room);
        s.groups.push(new GroupView({ id: g.id, gameCode: room.gameCode, speed: level.speed }));
      }
    } catch (e) {
      // The class cannot come back (recoverRooms says why): the games it brought back must not stay open without it.
      await Promise.all([...this.rooms.values()].map((room) => closeGroupRoom(room, "The class could not be brought back.")));
      throw e;
    }
    for (const student of [...s.roster.values()]) {
      const room = this.rooms.get(student.group);
      if (student.host) {
        if (room) await applySeat(room, TEACHER_ID, student.role, student.node);
        else this.setTeacherSeat(student, "", "host", "");
      } else if (room) {
        await this.issueTicket(student, room);
      } else if (student.group !== "") {
        student.group = "";
        this.setSeat(student, "spectator", "");
      }
    }
    this.questions.restore(snap.poll, snap.next.poll);
    // Wait for the class to come back, then close like any class everyone has left.
    holdForReturn(this);
    this.persist(); // a group whose game had to start afresh has a new code
  }

  /**
   * A group's game: still live on another server process (scale-out), or brought back from its journal, or, if it
   * cannot be, a new game of the level.
   */
  private async restoreGame(gameCode: string): Promise<GroupRoom> {
    const live = await relinkLiveGroupRoom(gameCode, this.hostKey);
    if (live) return live;
    const link = this.linkOptions();
    if (this.wholeNodes > 0) link.nodes = this.wholeNodes;
    try {
      return await createGroupRoom(this.level.id, this.seed, link, gameCode);
    } catch (e) {
      console.warn(`[class ${this.state.code}] the game ${gameCode} could not be brought back; the group starts a new one:`, e instanceof Error ? e.message : e);
      return createGroupRoom(this.level.id, this.seed, link);
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Lookups

  /** Runs `task` after the ones queued before it; what it changed is written to the store before it resolves. */
  private serial<T>(task: () => Promise<T> | T): Promise<T> {
    const run = this.queue.then(task, task).finally(() => this.persist());
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Students (never the teacher), in order of arrival. */
  private students(): StudentView[] {
    return [...this.state.roster.values()].filter((s) => !s.host);
  }

  private members(groupId: string): Placement[] {
    return this.students()
      .filter((s) => s.group === groupId)
      .map((s) => this.placementOf(s));
  }

  /** Who holds a seat in a group's game: its students, and the teacher while they play there. */
  private seatHolders(groupId: string): Placement[] {
    const teacher = this.state.roster.get(TEACHER_ID);
    const playing = teacher && teacher.group === groupId && groupId !== "" ? [this.placementOf(teacher)] : [];
    return [...this.members(groupId), ...playing];
  }

  private placementOf(s: StudentView): Placement {
    return { studentId: s.studentId, name: s.name, group: s.group, role: s.role as ClassRole, node: s.node };
  }

  private groupIds(): string[] {
    return this.state.groups.map((g) => g.id);
  }

  private groupCounts(): Map<string, number> {
    return new Map(this.groupIds().map((id) => [id, this.members(id).length]));
  }

  /** The student a teacher's op names, or why it cannot be them. */
  private studentFor(studentId: string): StudentView | string {
    const student = this.state.roster.get(studentId);
    if (!student) return `There is no student "${studentId}" in this class.`;
    if (student.host) return "That is you, the teacher.";
    return student;
  }

  /** A code no class and no game has, so a code typed anywhere leads to one place. */
  private async unusedCode(): Promise<string> {
    for (;;) {
      const code = generateJoinCode((n) => randomBytes(n));
      const [classes, games] = await Promise.all([matchMaker.query({ name: "class", code }), matchMaker.query({ name: "game", code })]);
      // Never a code an earlier class or game had: a stored class brought back by a restart keeps its code.
      if (classes.length === 0 && games.length === 0 && !roomStore().classes.byCode(code) && !roomStore().rooms.byCode(code)) return code;
    }
  }
}

/** The level with this id, or why there is none (naming the levels there are). */
function findLevel(id: string): Level | string {
  const catalog = levelCatalog();
  const level = catalog.get(id);
  if (level) return level;
  return `There is no level "${id.slice(0, 80)}". The levels are: ${catalog.list().map((l) => l.id).join(", ") || "(none found)"}.`;
}

/** The `op` of a class-control payload, when it has a readable one (for the answer, before validation). */
function opOf(payload: unknown): string | undefined {
  const op = typeof payload === "object" && payload !== null ? (payload as { op?: unknown }).op : undefined;
  return typeof op === "string" ? op.slice(0, 40) : undefined;
}
