// The QR code of a class link and the host's export links: pure helpers the screens build on.

import { describe, expect, it } from "vitest";
import { qrPath } from "../../../client/ui/class/qr";
import { exportLinks } from "../../../client/ui/controls/host-panel";

describe("class QR code", () => {
  it("draws a link as square modules inside a quiet zone", () => {
    const { size, d } = qrPath("http://192.168.1.20:2567/?class=K7M2Q");
    // Version 3 (29 modules) holds this link at level M; two modules of quiet zone on each side.
    expect(size).toBe(29 + 4);
    const cells = d.match(/M(\d+) (\d+)h1v1h-1z/g) ?? [];
    expect(cells.length).toBeGreaterThan(100);
    // The top-left finder pattern starts right after the quiet zone.
    expect(d.startsWith("M2 2h1v1h-1z")).toBe(true);
  });
});

describe("host exports", () => {
  it("links the results and a round's replay with the host's token", () => {
    expect(exportLinks("K7M2Q", "a b", 3)).toEqual({
      csv: "/api/rooms/K7M2Q/results.csv?token=a%20b",
      replay: "/api/rooms/K7M2Q/rounds/3/replay.json?token=a%20b",
    });
  });
});
