// Rejoin tokens and reserved seats. Every player gets a rejoin token when they join (the client asks for it with
// the "seat" request and keeps it, in localStorage for the browser). After a server restart the room comes back
// with the seats that were held reserved: a student who joins with the same name gets theirs back; the host's seat
// (host powers) also needs its token, since anyone can type a name. The token also unlocks the host's exports.
// Only a hash is stored, so the database alone lets nobody act as a host.

import { createHash, randomBytes } from "node:crypto";
import type { StoredSeat } from "./seats";

export function newRejoinToken(): string {
  return randomBytes(24).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Placeholder session ids of reserved seats in the room state: never a real session id (those have no colon). */
const RESERVED_PREFIX = "reserved:";

export interface Claim {
  /** The reserved seat's placeholder in the room state, to remove. */
  placeholder: string;
  seat: StoredSeat;
  /** The token the player keeps: the one they presented if it matched, else a new one. */
  token: string;
}

/** The rejoin side of one room: live players' tokens, and the seats a restart reserved. */
export class RejoinDesk {
  private readonly tokens = new Map<string, string>();
  private readonly reserved = new Map<string, StoredSeat>();

  /** Reserves stored seats; returns the placeholder id for each, in order. */
  reserve(seats: readonly StoredSeat[]): { placeholder: string; seat: StoredSeat }[] {
    return seats.map((seat) => {
      const placeholder = `${RESERVED_PREFIX}${seat.name}`;
      this.reserved.set(placeholder, seat);
      return { placeholder, seat };
    });
  }

  isReserved(sessionId: string): boolean {
    return this.reserved.has(sessionId);
  }

  /** The reserved seat that a player joining with this name and token may take, if any; it stops being reserved. */
  claim(name: string, token: string | undefined): Claim | undefined {
    const hash = token === undefined ? "" : hashToken(token);
    let found: [string, StoredSeat] | undefined;
    for (const entry of this.reserved) {
      const seat = entry[1];
      if (hash !== "" && seat.tokenHash === hash) {
        found = entry;
        break;
      }
      if (!found && seat.name === name && !seat.host) found = entry;
    }
    if (!found) return undefined;
    const [placeholder, seat] = found;
    this.reserved.delete(placeholder);
    const proven = token !== undefined && seat.tokenHash === hash;
    return { placeholder, seat, token: proven ? token : newRejoinToken() };
  }

  /** Gives a live player their token. */
  hand(sessionId: string, token: string): void {
    this.tokens.set(sessionId, token);
  }

  tokenOf(sessionId: string): string | undefined {
    return this.tokens.get(sessionId);
  }

  forget(sessionId: string): void {
    this.tokens.delete(sessionId);
    this.reserved.delete(sessionId);
  }
}
