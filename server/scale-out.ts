// Several server processes serving one deployment. They share the room list and matchmaking through Redis:
// any process answers a create or join request (onAuth's join-code lookup and unusedCode's uniqueness check read
// the shared list), and the room then lives on exactly one process, which the browser reaches directly at that
// process's public address. Without a ScaleOut the server keeps Colyseus' in-memory presence and driver.

import type { ServerOptions } from "@colyseus/core";
import { RedisDriver } from "@colyseus/redis-driver";
import { RedisPresence } from "@colyseus/redis-presence";
import { Redis } from "ioredis";

export interface ScaleOut {
  /** The Redis every process of the deployment shares, e.g. "redis://10.0.0.5:6379/0" ("rediss://" for TLS). */
  redisUrl: string;
  /**
   * Where browsers reach this very process, without a scheme (the page's http/https picks ws/wss):
   * "game2.example.org", "203.0.113.7:2568", or "example.org/p2" behind a proxy that routes /p2/ to it.
   */
  publicAddress: string;
}

/**
 * Reads REDIS_URL and PUBLIC_ADDRESS. Undefined when REDIS_URL is unset (one process, nothing shared);
 * throws, in words an operator can act on, when the pair is incomplete or malformed.
 */
export function scaleOutFromEnv(env: NodeJS.ProcessEnv): ScaleOut | undefined {
  const redisUrl = env.REDIS_URL?.trim();
  if (!redisUrl) return undefined;
  const publicAddress = env.PUBLIC_ADDRESS?.trim();
  if (!publicAddress) {
    throw new Error(
      'REDIS_URL is set, so PUBLIC_ADDRESS must say where browsers reach this process (e.g. "game2.example.org" or ' +
        '"203.0.113.7:2568"): a player whose game lives on this process is sent there.',
    );
  }
  return { redisUrl, publicAddress };
}

/** Checks both settings and that Redis answers, then gives the presence, driver and address for defineServer. */
export async function scaleOutServerOptions(opts: ScaleOut): Promise<Pick<ServerOptions, "presence" | "driver" | "publicAddress">> {
  const publicAddress = checkPublicAddress(opts.publicAddress);
  await checkRedis(opts.redisUrl);
  return {
    presence: new RedisPresence(opts.redisUrl),
    driver: new RedisDriver(opts.redisUrl),
    publicAddress,
  };
}

function checkPublicAddress(address: string): string {
  // The SDK builds `${ws|wss}://${publicAddress}/${processId}/${roomId}`: a scheme or a trailing slash would break it.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(address)) {
    throw new Error(`PUBLIC_ADDRESS is a host, port and optional path without a scheme ("game2.example.org:2568"), got "${address}".`);
  }
  const trimmed = address.replace(/\/+$/, "");
  if (trimmed === "" || /\s/.test(trimmed)) throw new Error(`PUBLIC_ADDRESS is not an address: "${address}".`);
  return trimmed;
}

/**
 * RedisPresence and RedisDriver retry a dead Redis forever, which is right once running (Redis may restart) but
 * would leave a mistyped REDIS_URL as a server that hangs at startup. One connection attempt first fails fast.
 */
async function checkRedis(url: string): Promise<void> {
  const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: 10_000 });
  // The socket's error (ECONNREFUSED, ENOTFOUND, NOAUTH...) says more than connect()'s "Connection is closed".
  let cause: Error | undefined;
  probe.on("error", (e: Error) => {
    cause ??= e;
  });
  try {
    await probe.connect();
    await probe.ping();
  } catch (e) {
    throw new Error(`Cannot reach Redis at REDIS_URL ${redactPassword(url)}: ${(cause ?? (e as Error)).message}`);
  } finally {
    probe.disconnect();
  }
}

function redactPassword(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");
}
