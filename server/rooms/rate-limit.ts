// Per-client rate limit on room messages (both room types). A person clicking as fast as they can sends a few
// messages a second and a test that plays fast a few dozen; a flood sends thousands. Every message costs the room
// a validation, a role check and an answer, so a flooder would slow the game for everyone: past the limit the
// client is disconnected with RATE_LIMITED_CLOSE and a reason in plain words, and its further frames are dropped
// unread. The same guard gives a reason to the close of a client whose frame cannot be decoded (4002), and keeps an
// exception from Colyseus' decoding inside the room.
//
// Why not Colyseus' own `maxMessagesPerSecond`: it closes with the generic 4002 and no reason (the same code as a
// failed validation), so a player cannot tell what happened, and it counts in whole clock seconds (a burst that
// straddles a second boundary gets twice the limit), and its close goes through onDrop, which holds the flooder's seat
// for a reconnection. This is a token bucket over real time instead.

import { type Client, CloseCode, type Room } from "@colyseus/core";

/** The WebSocket close code of a client disconnected for flooding (HTTP's 429 "Too Many Requests", in the 4xxx range). */
export const RATE_LIMITED_CLOSE = 4429;

/** The close code of a client that sent a frame Colyseus could not decode (its own code for a failed message). */
export const UNREADABLE_CLOSE = 4002;

export const UNREADABLE_REASON = "Disconnected: this connection sent a message the server cannot read.";

export interface MessageRate {
  /** Messages a second a client may send on average, indefinitely. */
  perSecond: number;
  /** How many it may send at once, on top of the average (a burst after a quiet spell). */
  burst: number;
}

/** Far above what a person or a fast test sends; far below a flood (which sends thousands a second). */
export const ROOM_MESSAGE_RATE: MessageRate = { perSecond: 100, burst: 300 };

export function rateLimitReason(rate: MessageRate): string {
  return `Disconnected: this connection sent more than ${rate.perSecond} messages a second, which no player needs. Reload the page to come back.`;
}

/** WebSocket close codes of a connection the server cut for what it sent: "message too big", "protocol error", bad UTF-8. */
const SENT_WRONG = new Set([1002, 1007, 1009]);

/**
 * Whether a dropped connection's seat is held for a reconnection. A dropped network (a laptop's Wi-Fi, a tablet
 * going to sleep) is; a connection cut for flooding or for frames the server cannot read is not, nor one closed by
 * a stopping server. Otherwise a script that joins and misbehaves over and over would fill a room's seats with
 * holds for a minute each, and lock real players out.
 */
export function holdsSeatOnDrop(code: number | undefined): boolean {
  return code !== CloseCode.SERVER_SHUTDOWN && code !== RATE_LIMITED_CLOSE && code !== UNREADABLE_CLOSE && !SENT_WRONG.has(code ?? 0);
}

interface Bucket {
  tokens: number;
  at: number;
  kicked: boolean;
}

/** The one Room internal this relies on: every frame a joined client sends goes through `_onMessage(client, frame)`. */
interface RoomInternals {
  _onMessage(client: Client, buffer: Uint8Array): unknown;
}

/**
 * Puts the limit on a room. Call it in onCreate: Colyseus binds `_onMessage` to each client when it joins, so
 * clients that joined before would not be limited.
 */
export function limitMessageRate(room: Room, rate: MessageRate = ROOM_MESSAGE_RATE, now: () => number = () => performance.now()): void {
  const internals = room as unknown as RoomInternals;
  const handle = internals._onMessage;
  if (typeof handle !== "function") throw new Error("this Colyseus version has no Room._onMessage: the rate limit cannot be installed");
  // Keyed by the Client object, so a client that leaves takes its bucket with it (no growth over a long class).
  const buckets = new WeakMap<Client, Bucket>();
  const reason = rateLimitReason(rate);
  internals._onMessage = function limitedOnMessage(client: Client, buffer: Uint8Array): unknown {
    const t = now();
    let bucket = buckets.get(client);
    if (!bucket) {
      bucket = { tokens: rate.burst + rate.perSecond, at: t, kicked: false };
      buckets.set(client, bucket);
      explainUnreadable(client);
    }
    bucket.tokens = Math.min(rate.burst + rate.perSecond, bucket.tokens + ((t - bucket.at) / 1000) * rate.perSecond);
    bucket.at = t;
    if (bucket.tokens >= 1 && !bucket.kicked) {
      bucket.tokens -= 1;
      try {
        return handle.call(room, client, buffer);
      } catch {
        // Colyseus decodes the message type outside its own try: a truncated frame must cost its sender the
        // connection, not throw out of the socket's event handler (which would take the whole process down).
        bucket.kicked = true;
        room.kickClient(client.sessionId, UNREADABLE_CLOSE, UNREADABLE_REASON);
        return undefined;
      }
    }
    if (!bucket.kicked) {
      bucket.kicked = true;
      room.kickClient(client.sessionId, RATE_LIMITED_CLOSE, reason);
    }
    return undefined;
  };
}

/**
 * Colyseus closes a client whose frame it cannot decode (bad MessagePack, a message type that is not valid UTF-8)
 * with 4002 and no reason; this gives that close its reason, so the player's screen can say what happened.
 */
function explainUnreadable(client: Client): void {
  const leave = client.leave.bind(client);
  client.leave = (code?: number, reason?: string) => leave(code, reason === undefined && code === UNREADABLE_CLOSE ? UNREADABLE_REASON : reason);
}
