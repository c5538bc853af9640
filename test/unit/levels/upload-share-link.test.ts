// The editor opens a saved level from a link (?edit=<id>) by fetching /api/levels/<id>. The id comes from the URL,
// so whoever wrote the link chose it: anything but a level id ("..", more slashes) must not be fetched at all, or
// a link could make the page fetch another of the server's addresses.

import { describe, expect, it } from "vitest";
import { fetchLevel } from "../../../client/net/levels";

function recordingFetch(): { fetchFn: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  const fetchFn = (async (input: string | URL | Request) => {
    urls.push(String(input));
    return new Response(JSON.stringify({ id: "etcd/first-steps" }), { status: 200, headers: { "content-type": "application/json" } });
  }) as typeof fetch;
  return { fetchFn, urls };
}

describe("opening a level from a link", () => {
  it("fetches a level id", async () => {
    const { fetchFn, urls } = recordingFetch();
    await expect(fetchLevel("etcd/my-first-steps-abc123", fetchFn)).resolves.toEqual({ id: "etcd/first-steps" });
    expect(urls).toEqual(["/api/levels/etcd/my-first-steps-abc123"]);
  });

  it.each(["../../api/rooms/X/export", "etcd/..", "../etcd", "etcd/a/b", "etcd", "ETCD/First", "etcd/a%2F..", ""])(
    "refuses %j with a sentence saying what an id looks like, and fetches nothing",
    async (id) => {
      const { fetchFn, urls } = recordingFetch();
      await expect(fetchLevel(id, fetchFn)).rejects.toThrow(/is not a level id: an id is a system and a name, such as etcd\/first-steps/);
      expect(urls).toEqual([]);
    },
  );
});
