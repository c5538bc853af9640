// Makes guessing join codes slow. Games and classes are found only by their 5-character code (31^5 ≈ 28.6 million
// codes), so the one way into somebody else's game is to try codes: this gate counts, per remote address, the
// matchmaking requests (POST /matchmake/...) that failed (an unknown code, a malformed one, an unknown rejoin
// token, ...) and, past a small allowance, answers 429 with the time to wait before the matchmaker is asked at all.
//
// Only failures count, so a classroom behind one address (a school's NAT) can join as fast as it likes; a whole
// class mistyping codes at once fits in the allowance. A second, generous bucket caps all matchmaking requests of an
// address, so nobody can make the server create rooms or run onAuth thousands of times a second.
//
// Colyseus answers /matchmake itself, before express sees the request, and gives onAuth no remote address (only
// the spoofable X-Forwarded-For): so the gate sits in front of the HTTP server's request listeners. The address is
// the socket's: behind a reverse proxy every client shares the proxy's, which makes the limit per proxy.

import type { IncomingMessage, Server, ServerResponse } from "node:http";

export interface Bucket {
  /** Requests an address may make at once. */
  burst: number;
  /** How many come back per minute. */
  perMinute: number;
}

export interface JoinLimits {
  /** Failed matchmaking requests (wrong codes): 20 at once, then one every 6 s: ~14,000 guesses a day per address. */
  failures: Bucket;
  /** Every matchmaking request, failed or not: only against floods (a class of 100 joining at once fits easily). */
  requests: Bucket;
}

export const JOIN_LIMITS: JoinLimits = {
  failures: { burst: 20, perMinute: 10 },
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

/** Per-address buckets. Pure bookkeeping, so it is tested and reasoned about without a server. */
export class JoinLedger {
  private readonly byAddress = new Map<string, Tokens>();

  constructor(
    private readonly limits: JoinLimits = JOIN_LIMITS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Undefined when this address may ask now (and the request is counted); else why not, and for how long. */
  admit(address: string): Refusal | undefined {
    const t = this.refill(address);
    if (t.failures < 1) return { reason: "failures", seconds: this.secondsUntilOne(t.failures, this.limits.failures) };
    if (t.requests < 1) return { reason: "requests", seconds: this.secondsUntilOne(t.requests, this.limits.requests) };
    t.requests -= 1;
    return undefined;
  }

  /** The request was refused by the matchmaker: it counts against the address's failures. */
  failed(address: string): void {
    const t = this.refill(address);
    t.failures = Math.max(0, t.failures - 1);
  }

  /** Addresses being tracked (for tests and the soak: the map must not grow without bound). */
  get size(): number {
    return this.byAddress.size;
  }

  private refill(address: string): Tokens {
    const now = this.now();
    let t = this.byAddress.get(address);
    if (!t) {
      if (this.byAddress.size >= 10_000) this.forgetIdle(now);
      t = { failures: this.limits.failures.burst, requests: this.limits.requests.burst, at: now };
      this.byAddress.set(address, t);
    }
    const minutes = (now - t.at) / 60_000;
    t.failures = Math.min(this.limits.failures.burst, t.failures + minutes * this.limits.failures.perMinute);
    t.requests = Math.min(this.limits.requests.burst, t.requests + minutes * this.limits.requests.perMinute);
    t.at = now;
    return t;
  }

  /** Addresses whose buckets are full again are indistinguishable from new ones: drop them. */
  private forgetIdle(now: number): void {
    for (const [address, t] of this.byAddress) {
      const minutes = (now - t.at) / 60_000;
      const full =
        t.failures + minutes * this.limits.failures.perMinute >= this.limits.failures.burst &&
        t.requests + minutes * this.limits.requests.perMinute >= this.limits.requests.burst;
      if (full) this.byAddress.delete(address);
    }
  }

  private secondsUntilOne(tokens: number, bucket: Bucket): number {
    return Math.max(1, Math.ceil(((1 - tokens) / bucket.perMinute) * 60));
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
      res.once("finish", () => {
        if (res.statusCode >= 400) ledger.failed(address);
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
