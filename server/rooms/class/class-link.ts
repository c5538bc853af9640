// What a game room remembers when it plays one group of a class (server/rooms/class/ClassRoom.ts): the tickets the
// class room has issued, which session is which student, and how many actions each student has taken. Plain data,
// no Colyseus: the game room asks it questions and does the seating itself.
//
// Tickets are how a class seats its students without a race for roles: the class room decides a student's seat,
// tells the game room to expect a ticket for it (GameRoom.classExpect), and the student's page joins the game with
// that ticket. A ticket stays valid until the class issues the student another one, so a student whose game
// connection is lost for good can come back with it. The teacher's ticket (the host key) is valid in every group's
// room of the class and seats them as that room's host.

import type { RoleName } from "../../../shared/protocol/actions";

/** A seat the class room has decided for a student (or for the teacher, as host). */
export interface ClassSeat {
  studentId: string;
  name: string;
  role: RoleName;
  /** The node a node player is; "" otherwise. */
  node: string;
  host: boolean;
}

/**
 * The create option that links a game room to its class. Only the class room sets it (group-rooms.ts creates its
 * games through matchMaker.createRoom, which skips onAuth); GameRoom.onAuth strips it from every public create, so
 * nobody else can make a class-linked room, which stays open until its class closes it.
 */
export const CLASS_OPTION = "class";

/** Passed in the game room's create options as CLASS_OPTION by the class room that creates it. */
export interface ClassGameOptions {
  classCode: string;
  /** The teacher's ticket into every group of the class. */
  hostKey: string;
  hostId: string;
  hostName: string;
  /**
   * The cluster's node count when the class plays one large cluster on a level that grows (cluster.classCluster);
   * absent otherwise. The game room checks it against the level's maximum.
   */
  nodes?: number;
}

export function readClassOptions(options: Record<string, unknown>): ClassGameOptions | undefined {
  const o = options[CLASS_OPTION];
  if (typeof o !== "object" || o === null) return undefined;
  const { classCode, hostKey, hostId, hostName, nodes } = o as Record<string, unknown>;
  if (typeof classCode !== "string" || typeof hostKey !== "string" || typeof hostId !== "string" || typeof hostName !== "string") return undefined;
  if (hostKey.length < 16) return undefined;
  return { classCode, hostKey, hostId, hostName, ...(typeof nodes === "number" ? { nodes } : {}) };
}

export class ClassLink {
  readonly classCode: string;
  readonly nodes: number | undefined;
  private host: ClassGameOptions;
  /** The seat the teacher plays here besides hosting ("host" while they only watch and steer). */
  private hostSeat: { role: RoleName; node: string } = { role: "host", node: "" };
  /** ticket -> the seat it gives. */
  private readonly tickets = new Map<string, ClassSeat>();
  /** sessionId -> studentId, for every session that joined with a ticket. */
  private readonly students = new Map<string, string>();
  private readonly actions = new Map<string, number>();

  constructor(options: ClassGameOptions) {
    this.classCode = options.classCode;
    this.nodes = options.nodes;
    this.host = options;
  }

  /** The teacher's ticket is now `hostKey` (their class came back after a restart); the old one stops working. */
  relink(hostKey: string): void {
    if (hostKey.length >= 16) this.host = { ...this.host, hostKey };
  }

  /** Registers a ticket; the student's earlier tickets for this room stop working. */
  expect(ticket: string, seat: ClassSeat): void {
    this.forgetTickets(seat.studentId);
    this.tickets.set(ticket, { ...seat });
  }

  /** The seat a ticket gives, or undefined for a ticket this room does not know. */
  redeem(ticket: string): ClassSeat | undefined {
    if (ticket === this.host.hostKey) return { studentId: this.host.hostId, name: this.host.hostName, ...this.hostSeat, host: true };
    const seat = this.tickets.get(ticket);
    return seat && { ...seat };
  }

  /** The class changed a student's role: a later redemption of their ticket gives the new seat. */
  updateSeat(studentId: string, role: RoleName, node: string): void {
    if (studentId === this.host.hostId) this.hostSeat = { role, node };
    for (const seat of this.tickets.values()) {
      if (seat.studentId !== studentId) continue;
      seat.role = role;
      seat.node = node;
    }
  }

  forgetTickets(studentId: string): void {
    for (const [ticket, seat] of this.tickets) if (seat.studentId === studentId) this.tickets.delete(ticket);
  }

  bind(sessionId: string, studentId: string): void {
    this.students.set(sessionId, studentId);
  }

  studentOf(sessionId: string): string | undefined {
    return this.students.get(sessionId);
  }

  /** The sessions (present or not) that joined as this student, oldest first. */
  sessionsOf(studentId: string): string[] {
    return [...this.students].filter(([, s]) => s === studentId).map(([sessionId]) => sessionId);
  }

  unbind(sessionId: string): void {
    this.students.delete(sessionId);
  }

  countAction(sessionId: string): void {
    const student = this.students.get(sessionId);
    if (student !== undefined) this.actions.set(student, (this.actions.get(student) ?? 0) + 1);
  }

  /** Accepted actions per studentId, since the room was created. */
  actionCounts(): Record<string, number> {
    return Object.fromEntries(this.actions);
  }
}
