// FACTS §4.7 and vectors/etcd_transcript{1,2}.txt: etcd 3.4.23's MVCC revisions, reproduced by replaying the
// same session against the store (the lease revoke of the transcript deletes its one attached key).

import { describe, expect, it } from "vitest";
import { ERR_COMPACTED, MvccError, MvccStore } from "../../shared/systems/etcd/kv";

function transcriptSession(): { store: MvccStore; revisions: number[] } {
  const store = new MvccStore();
  const revisions: number[] = [store.revision];
  revisions.push(store.put("leased-key", "v").revision); // lease grant 30 + put --lease
  revisions.push(store.delete("leased-key").revision); // lease revoke: attached keys deleted in one revision
  revisions.push(store.put("k1", "a").revision);
  revisions.push(store.put("k1", "b").revision);
  revisions.push(store.put("k2", "x").revision);
  return { store, revisions };
}

describe("etcd MVCC revisions (measured on etcd 3.4.23)", () => {
  it("a fresh store is at revision 1 and every write moves it by one: leased put 2, revoke 3, k1 4 and 5, k2 6", () => {
    expect(transcriptSession().revisions).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("the leased key had create_revision 2, mod_revision 2, version 1", () => {
    const store = new MvccStore();
    store.put("leased-key", "v");
    expect(store.get("leased-key")).toEqual({ key: "leased-key", value: "v", createRevision: 2, modRevision: 2, version: 1 });
  });

  it("get k1 at revision 6: create 4, mod 5, version 2, value b", () => {
    const { store } = transcriptSession();
    expect(store.get("k1")).toEqual({ key: "k1", value: "b", createRevision: 4, modRevision: 5, version: 2 });
    expect(store.revision).toBe(6);
  });

  it("reads and deletes of absent keys do not move the revision; del k1 makes revision 7", () => {
    const { store } = transcriptSession();
    expect(store.get("nope")).toBeUndefined();
    expect(store.delete("nope")).toEqual({ revision: 6, deleted: 0 });
    expect(store.delete("k1")).toEqual({ revision: 7, deleted: 1 });
    expect(store.get("k1")).toBeUndefined();
  });

  it("history stays readable by revision: k1 was a at 4 and b at 5; the watch replay's events match", () => {
    const { store } = transcriptSession();
    store.delete("k1");
    expect(store.get("k1", 4)?.value).toBe("a");
    expect(store.get("k1", 5)?.value).toBe("b");
    // watch --rev=1 --prefix k: PUT k1 a (c4 m4 v1), PUT k1 b (c4 m5 v2), PUT k2 x (c6 m6 v1), DELETE k1 (m7)
    expect(store.get("k1", 4)).toMatchObject({ createRevision: 4, modRevision: 4, version: 1 });
    expect(store.get("k1", 5)).toMatchObject({ createRevision: 4, modRevision: 5, version: 2 });
    expect(store.get("k2", 6)).toMatchObject({ value: "x", createRevision: 6, modRevision: 6, version: 1 });
    expect(store.get("k1", 7)).toBeUndefined();
  });

  it("txn: if version(k2) = 1 then put k2 y → SUCCESS, k2 version 2, mod 8", () => {
    const { store } = transcriptSession();
    store.delete("k1");
    const r = store.txn([{ target: "version", key: "k2", op: "=", value: 1 }], [{ type: "put", key: "k2", value: "y" }], [{ type: "get", key: "k2" }]);
    expect(r.succeeded).toBe(true);
    expect(store.get("k2")).toMatchObject({ value: "y", version: 2, modRevision: 8, createRevision: 6 });
  });

  it("lock keys created after that get create_revision 9 and 10; the owner is the lowest", () => {
    const { store } = transcriptSession();
    store.delete("k1");
    store.txn([{ target: "version", key: "k2", op: "=", value: 1 }], [{ type: "put", key: "k2", value: "y" }], []);
    store.put("mylock/772ea210b7779b0b", "");
    store.put("mylock/6835a210b777820f", "");
    expect(store.get("mylock/772ea210b7779b0b")?.createRevision).toBe(9);
    expect(store.get("mylock/6835a210b777820f")?.createRevision).toBe(10);
  });

  it("after compact 5, reading revision 4 fails with etcd's error; revision 5 and later still read", () => {
    const { store } = transcriptSession();
    store.delete("k1");
    store.compact(5);
    expect(() => store.get("k1", 4)).toThrow(MvccError);
    expect(() => store.get("k1", 4)).toThrow(ERR_COMPACTED);
    expect(ERR_COMPACTED).toBe("mvcc: required revision has been compacted");
    expect(store.get("k1", 5)?.value).toBe("b");
    expect(store.get("k2", 6)?.value).toBe("x");
  });

  it("a version restarts at 1 when a deleted key is created again", () => {
    const { store } = transcriptSession();
    store.delete("k1");
    store.put("k1", "again");
    expect(store.get("k1")).toMatchObject({ version: 1, createRevision: 8, modRevision: 8 });
  });

  it("a transaction that only reads, or whose compare fails into a read, leaves the revision alone", () => {
    const { store } = transcriptSession();
    const r = store.txn([{ target: "value", key: "k1", op: "=", value: "zzz" }], [{ type: "put", key: "k1", value: "c" }], [{ type: "get", key: "k1" }]);
    expect(r.succeeded).toBe(false);
    expect(r.revision).toBe(6);
    expect(r.results).toEqual([{ type: "get", kv: store.get("k1") }]);
  });
});
