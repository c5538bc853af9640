// The HTTP headers every page and API answer carries: what the browser may load for the game (Content-Security-
// Policy), no MIME sniffing, no referrer (a class link holds its join code), no framing (clickjacking a teacher's
// console), and no X-Powered-By advertising the stack. Mounted first, so the built client, the API and the errors
// all get them. Colyseus answers /matchmake itself, before express: those are JSON only and carry its CORS headers.

import type express from "express";

/**
 * What the built client needs, and nothing more (checked in Chromium by test/browser/csp.test.ts):
 * - scripts, the stylesheet and the debrief's Web Worker come from this origin (Vite emits files, no inline script);
 * - style attributes are allowed (`style-src-attr`): Phaser sets one on iOS to measure the viewport; no inline
 *   <style> elements, no inline script, no eval;
 * - images from this origin, and data:/blob: URLs, which Phaser uses for its built-in textures;
 * - fetch and the game's WebSocket to this origin only ('self' covers ws:/wss: to the same host in CSP 3);
 * - no plugins, no <base> hijacking, forms post only here, and no other site may frame the game.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  // The page's address can hold a class's join code (/?class=K7M2Q): it goes nowhere else.
  "Referrer-Policy": "no-referrer",
  // For browsers without CSP's frame-ancestors.
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
};

/** Sets the headers on every express answer, and stops express announcing itself. Call before any route. */
export function secureHttp(app: express.Application): void {
  app.disable("x-powered-by");
  app.use((_req, res, next) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    next();
  });
}
