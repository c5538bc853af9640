// The server's Content-Security-Policy forbids eval (server/http/security-headers.ts). zod compiles object parsers
// with `new Function` when it can, probing for it on first use; under the policy the probe is refused and Chromium
// reports a violation (zod then validates without it anyway). jitless skips the probe. Imported first by main.ts,
// so it runs before any module parses anything.

import { z } from "zod";

z.config({ jitless: true });
