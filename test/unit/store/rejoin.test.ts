// Who gets a reserved seat back after a restart: anyone by name, but the host's seat only with its token.
import { describe, expect, it } from "vitest";
import { hashToken, RejoinDesk } from "../../../server/store/rejoin";

const HOST_TOKEN = "host-token-0123456789abcdef";
const BOB_TOKEN = "bob-token-0123456789abcdef";

function desk(): RejoinDesk {
  const d = new RejoinDesk();
  d.reserve([
    { name: "Teacher", role: "host", node: "", host: true, tokenHash: hashToken(HOST_TOKEN) },
    { name: "Bob", role: "node", node: "n2", host: false, tokenHash: hashToken(BOB_TOKEN) },
  ]);
  return d;
}

describe("reserved seats", () => {
  it("gives a student's seat back by name, with a fresh token", () => {
    const d = desk();
    const claim = d.claim("Bob", undefined);
    expect(claim).toMatchObject({ placeholder: "reserved:Bob", seat: { role: "node", node: "n2" } });
    expect(claim?.token).not.toBe(BOB_TOKEN);
    expect(d.claim("Bob", undefined)).toBeUndefined(); // taken
  });

  it("gives the host's seat only to its token, which the host keeps", () => {
    const d = desk();
    expect(d.claim("Teacher", undefined)).toBeUndefined();
    expect(d.claim("Teacher", "a-wrong-token-0123456789")).toBeUndefined();
    const claim = d.claim("Teacher", HOST_TOKEN);
    expect(claim).toMatchObject({ seat: { host: true, role: "host" }, token: HOST_TOKEN });
  });

  it("finds a seat by its token whatever name is typed", () => {
    const claim = desk().claim("Robert", BOB_TOKEN);
    expect(claim).toMatchObject({ seat: { name: "Bob" }, token: BOB_TOKEN });
  });

  it("hands live players their tokens and forgets them when they leave", () => {
    const d = new RejoinDesk();
    d.hand("abc", "token-of-abc-0123456789");
    expect(d.tokenOf("abc")).toBe("token-of-abc-0123456789");
    d.forget("abc");
    expect(d.tokenOf("abc")).toBeUndefined();
  });
});
