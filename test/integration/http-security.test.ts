// The HTTP side: every answer carries the security headers, the static route serves the built client and nothing
// else (no dotfiles, no path outside it, no directory listings), and guessing join codes is slowed down per address
// while a class joining from one address is not.
import { mkdirSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import path from "node:path";
import { MatchMakeError } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOIN_LIMITS, JoinLedger } from "../../server/http/join-limit";
import { CONTENT_SECURITY_POLICY } from "../../server/http/security-headers";
import { boot, client, createGame, joinGame } from "./helpers";

let ctx: Awaited<ReturnType<typeof boot>>;

beforeAll(async () => {
  ctx = await boot(2721);
  // What a careless deploy could leave beside the client: none of it may be served.
  writeFileSync(path.join(ctx.staticDir, ".env"), "SECRET=1");
  mkdirSync(path.join(ctx.staticDir, "assets"));
  writeFileSync(path.join(ctx.staticDir, "assets", "app.js"), "console.log(1)");
  writeFileSync(path.join(ctx.staticDir, "..", "split-brain-outside.txt"), "outside the client");
});
afterAll(async () => {
  await ctx.server.close();
});

/** A raw POST from a chosen local address (127.0.0.0/8 is all loopback), as a script guessing codes would send it. */
function rawPost(rawPath: string, body: string, from: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port: ctx.server.port, path: rawPath, method: "POST", localAddress: from, headers: { "content-type": "application/json" } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** A raw GET with the path sent exactly as written (fetch would normalise "..", which is what an attacker avoids). */
function rawGet(rawPath: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: ctx.server.port, path: rawPath, method: "GET" }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("security headers", () => {
  it.each(["/", "/api/levels", "/assets/app.js"])("%s carries the CSP and the other headers, and no X-Powered-By", async (p) => {
    const res = await rawGet(p);
    expect(res.headers["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["x-powered-by"]).toBeUndefined();
  });

  it("a page that does not exist gets express's stricter policy, and the same other headers", async () => {
    const res = await rawGet("/no-such-page");
    expect(res.status).toBe(404);
    expect(res.headers["content-security-policy"]).toBe("default-src 'none'");
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["x-powered-by"]).toBeUndefined();
  });

  it("the CSP forbids inline script, eval, plugins and framing", () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));
    expect(directives.get("script-src")).toEqual(["'self'"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
  });
});

describe("static serving", () => {
  it("serves the built client", async () => {
    const res = await rawGet("/");
    expect(res.status).toBe(200);
    expect(res.body).toContain("<title>Split Brain</title>");
    expect((await rawGet("/assets/app.js")).body).toBe("console.log(1)");
  });

  it.each(["/.env", "/%2eenv", "/assets/../.env"])("refuses the dotfile %s", async (p) => {
    const res = await rawGet(p);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.body).not.toContain("SECRET");
  });

  it.each(["/../split-brain-outside.txt", "/..%2fsplit-brain-outside.txt", "/%2e%2e%2fsplit-brain-outside.txt", "/assets/..%2f..%2fsplit-brain-outside.txt", "/..%5csplit-brain-outside.txt", "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd"])(
    "refuses the path outside the client %s",
    async (p) => {
      const res = await rawGet(p);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.body).not.toContain("outside the client");
      expect(res.body).not.toContain("root:");
    },
  );

  it("lists no directory", async () => {
    for (const p of ["/assets/", "/assets"]) {
      const res = await rawGet(p);
      expect(res.body).not.toContain("app.js");
    }
  });
});

describe("join attempts", () => {
  it("a class joining from one address is not limited; wrong codes soon are, with the time to wait", async () => {
    const host = await createGame(client(ctx.url), "Teacher");
    const code = host.state.code;
    // More joins than the failure allowance, all from 127.0.0.1: successes never count.
    const students = [];
    for (let i = 0; i < JOIN_LIMITS.failures.burst + 10; i++) students.push(await joinGame(client(ctx.url), code, `Student ${i}`));
    expect(students).toHaveLength(JOIN_LIMITS.failures.burst + 10);
    await Promise.all(students.map((s) => s.leave()));

    // A guesser: every wrong code is refused by name until the allowance is spent, then the gate answers.
    const wrong = code === "ZZZZZ" ? "YYYYY" : "ZZZZZ";
    const errors: string[] = [];
    for (let i = 0; i < JOIN_LIMITS.failures.burst + 3; i++) {
      const error = await client(ctx.url)
        .join("game", { code: wrong, name: "Guess" })
        .then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(MatchMakeError);
      errors.push((error as MatchMakeError).message);
    }
    expect(errors.slice(0, JOIN_LIMITS.failures.burst).every((e) => e.startsWith(`No game has the code ${wrong}`))).toBe(true);
    expect(errors.at(-1)).toMatch(/^Too many join attempts with wrong codes from your network\. Wait \d+ s, then check the code and try again\.$/);
    // While it waits, even the right code is not tried: guessing is what the wait is for.
    const blocked = await client(ctx.url)
      .join("game", { code, name: "Right code" })
      .then(() => undefined, (e: MatchMakeError) => e);
    expect(blocked).toMatchObject({ code: 429 });
    await host.leave();
  });

  it("wrong codes sent all at once get no further than the allowance; the rest are refused by the gate", async () => {
    // From an address of its own (any 127.x reaches the server), so the guessing above has not used its allowance.
    const from = "127.0.0.9";
    const sent = JOIN_LIMITS.failures.burst + 30;
    const answers = await Promise.all(
      Array.from({ length: sent }, () => rawPost("/matchmake/join/game", JSON.stringify({ code: "ZZZZZ", name: "Guess" }), from)),
    );
    const matchmaker = answers.filter((a) => a.status !== 429);
    const gate = answers.filter((a) => a.status === 429);
    expect(matchmaker.length).toBeLessThanOrEqual(JOIN_LIMITS.failures.burst);
    expect(gate.length).toBeGreaterThanOrEqual(30);
    for (const a of matchmaker) expect(JSON.parse(a.body).error).toMatch(/^No game has the code ZZZZZ/);
    for (const a of gate) expect(JSON.parse(a.body).error).toMatch(/^Too many join attempts with wrong codes from your network\./);
  });

  it("the allowance comes back with time, a success gives its token back, and at most so many addresses are kept", () => {
    let now = 0;
    const ledger = new JoinLedger({ failures: { burst: 2, perMinute: 10 }, requests: { burst: 100, perMinute: 100 } }, () => now);
    // Admitting takes the failure token in advance: two requests in flight use up an allowance of two.
    expect(ledger.admit("a")).toBeUndefined();
    expect(ledger.admit("a")).toBeUndefined();
    expect(ledger.admit("a")).toEqual({ reason: "failures", seconds: 6 });
    expect(ledger.admit("b")).toBeUndefined(); // another address is not affected
    ledger.succeeded("a"); // one of the two was a right code: its token comes back
    expect(ledger.admit("a")).toBeUndefined();
    expect(ledger.admit("a")).toEqual({ reason: "failures", seconds: 6 });
    now += 6_000;
    expect(ledger.admit("a")).toBeUndefined();
    const requests = new JoinLedger({ failures: { burst: 2, perMinute: 10 }, requests: { burst: 3, perMinute: 60 } }, () => now);
    for (let i = 0; i < 3; i++) {
      expect(requests.admit("c")).toBeUndefined();
      requests.succeeded("c");
    }
    expect(requests.admit("c")).toEqual({ reason: "requests", seconds: 1 });
    // Many addresses: the map never holds more than its cap; the one seen longest ago is forgotten first.
    const capped = new JoinLedger({ failures: { burst: 1, perMinute: 1 }, requests: { burst: 100, perMinute: 100 } }, () => now, 3);
    for (const address of ["p", "q", "r"]) capped.admit(address);
    expect(capped.admit("q")).toMatchObject({ reason: "failures" }); // q is touched, so p is now the oldest
    capped.admit("s");
    expect(capped.size).toBe(3);
    expect(capped.admit("q")).toMatchObject({ reason: "failures" }); // q was kept
    expect(capped.admit("p")).toBeUndefined(); // p was forgotten: a full allowance again
    for (let i = 0; i < 20_000; i++) ledger.admit(`10.0.${i >> 8}.${i & 255}`);
    expect(ledger.size).toBe(10_000);
  });
});
