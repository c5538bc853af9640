// Makes guessing join codes slow. Games and classes are found only by their 5-character code (31^5 ≈ 28.6 million
// codes), so the one way into somebody else's game is to try codes: this gate counts, per remote address, the
// matchmaking requests (POST /matchmake/...) that failed (an unknown code, a malformed one, an unknown rejoin
// token, ...) and, past a small allowance, answers 429 with the time to wait before the matchmaker is asked at all.
// A request is charged as a failure when it is let in and refunded when it succeeds, so requests sent in parallel
// get no further than the allowance either.
//
// Only failures count, so a classroom behind one address (a school's NAT) can join as fast as it likes; a whole
// class mistyping codes at once fits in the allowance. A second, generous bucket caps all matchmaking requests of an
// address, so nobody can make the server create rooms or run onAuth thousands of times a second.
//
// Colyseus answers /matchmake itself, before express sees the request, and gives onAuth no remote address (only
// the spoofable X-Forwarded-For): so the gate sits in front of the HTTP server's request listeners. The address is
// the socket's: behind a reverse proxy every client shares the proxy's, which makes the limit per proxy.

import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { LruMap } from "../lru-map";
import { type Bucket, refilled, secondsUntilOne } from "./minute-bucket";


export interface JoinLimits {
  /**
   * Failed matchmaking requests (wrong codes): 60 at once, then one every 6 s: ~14,000 guesses a day per address
   * against 28.6 million codes. Each request in flight holds one until it succeeds, so the burst is sized for a
   * class of 30 behind one school address all pressing "Join" in the same instant, twice.
   */
  failures: Bucket;
  /** Every matchmaking request, failed or not: only against floods (a class of 100 joining at once fits easily). */
  requests: Bucket;
}

export const JOIN_LIMITS: JoinLimits = {
  failures: { burst: 60, perMinute: 10 },
  requests: { burst: 300, perMinute: 1200 },
};

/** The matchmaker's answer to an address that used up its allowance (the SDK reads `error` as the message). */
export const TOO_MANY_JOINS = 429;

export interface Refusal {
  reason: "failures" | "requests";
  /** Seconds until one more request is allowed. */
  seconds: number;
}

interface Tokens {
  failures: number;
  requests: number;
  at: number;
}

/** Addresses tracked at most; past it the one seen longest ago is forgotten (as if new: a full allowance). */
export const MAX_TRACKED_ADDRESSES = 10_000;

/** Per-address buckets. Pure bookkeeping, so it is tested and reasoned about without a server. */
export class JoinLedger {
  private readonly byAddress: LruMap<string, Tokens>;

  constructor(
    private readonly limits: JoinLimits = JOIN_LIMITS,
    private readonly now: () => number = () => performance.now(),
    maxAddresses = MAX_TRACKED_ADDRESSES,
  ) {
    this.byAddress = new LruMap(maxAddresses);
  }

  /**
   * Undefined when this address may ask now; else why not, and for how long. An admitted request takes a request
   * token and, in advance, a failure token: requests sent in parallel are all still in flight when the first answer
   * comes, so charging failures only on the answer would let any number of guesses through at once. succeeded()
   * gives the failure token back.
   */
  admit(address: string): Refusal | undefined {
    const t = this.refill(address);
    if (t.failures < 1) return { reason: "failures", seconds: secondsUntilOne(t.failures, this.limits.failures) };
    if (t.requests < 1) return { reason: "requests", seconds: secondsUntilOne(t.requests, this.limits.requests) };
    t.requests -= 1;
    t.failures -= 1;
    return undefined;
  }

  /** The matchmaker accepted the admitted request: it was not a wrong code, so its failure token comes back. */
  succeeded(address: string): void {
    const t = this.refill(address);
    t.failures = Math.min(this.limits.failures.burst, t.failures + 1);
  }

  /** Addresses being tracked (for tests and the soak: the map must not grow without bound). */
  get size(): number {
    return this.byAddress.size;
  }

  private refill(address: string): Tokens {
    const now = this.now();
    let t = this.byAddress.get(address);
    if (!t) {
      t = { failures: this.limits.failures.burst, requests: this.limits.requests.burst, at: now };
      this.byAddress.set(address, t);
    }
    t.failures = refilled(t.failures, now - t.at, this.limits.failures);
    t.requests = refilled(t.requests, now - t.at, this.limits.requests);
    t.at = now;
    return t;
  }
}

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Puts the gate in front of every request listener the server has now (Colyseus' router and express): call it
 * once the server listens. Requests other than POST /matchmake/... pass untouched.
 */
export function guardJoins(http: Server, ledger = new JoinLedger()): JoinLedger {
  const listeners = http.listeners("request") as RequestListener[];
  http.removeAllListeners("request");
  http.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === "POST" && req.url?.startsWith("/matchmake/")) {
      const address = remoteAddress(req);
      const refusal = ledger.admit(address);
      if (refusal) return refuse(res, refusal);
      // "close" comes for every request, answered or not; an answer that never went out keeps its failure token.
      res.once("close", () => {
        if (res.writableFinished && res.statusCode < 400) ledger.succeeded(address);
      });
    }
    for (const listener of listeners) listener.call(http, req, res);
  });
  return ledger;
}

function remoteAddress(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? "unknown";
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}

function refuse(res: ServerResponse, { reason, seconds }: Refusal): void {
  const what = reason === "failures" ? "join attempts with wrong codes" : "join requests";
  const body = JSON.stringify({
    code: TOO_MANY_JOINS,
    error: `Too many ${what} from your network. Wait ${seconds} s, then check the code and try again.`,
  });
  res.writeHead(TOO_MANY_JOINS, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    "Retry-After": String(seconds),
    // The SDK runs in pages of this origin; CORS matters only for the dev server, which proxies anyway.
    "Access-Control-Allow-Origin": "*",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(body);
}
