// A server and one of its drives (MinIO), as two labelled <select>s: the chaos agent picks a working drive to fail
// or rot, the operator a failed drive to replace. The server list follows the shared node selection (click a rack
// on the diagram to pick it); the drive list offers only the drives the action can take.

import { parseDrives } from "../../game/draw/drives";
import { type GameStateView, sortedValues } from "../../net/state";
import type { Session } from "../../session";
import { h, syncOptions, uid } from "../dom";

export interface DriveSelect {
  /** The server and drive fields, side by side. */
  fields: HTMLElement[];
  server: HTMLSelectElement;
  drive: HTMLSelectElement;
  /** The picked server and drive number, or a status message asking for them. */
  picked(status: HTMLElement): { node: string; drive: number } | null;
  update(state: GameStateView): void;
  destroy(): void;
}

/** `want`: which drives to offer ("ok" for the chaos agent, "failed" for the operator). */
export function createDriveSelect(session: Session, labels: { server: string; drive: string }, want: "ok" | "failed"): DriveSelect {
  const serverId = uid("server");
  const driveId = uid("drive");
  const server = h("select", { id: serverId });
  const drive = h("select", { id: driveId });
  const fields = [
    h("div", { class: "field" }, h("label", { for: serverId }, labels.server), server),
    h("div", { class: "field" }, h("label", { for: driveId }, labels.drive), drive),
  ];
  let state: GameStateView | null = null;
  const none = want === "ok" ? "no working drive" : "no failed drive";
  const fillDrives = () => {
    const node = state?.nodes.get(server.value);
    const drives = node ? parseDrives(node.drives).filter((d) => (want === "ok" ? d.state === "ok" : d.state !== "ok")) : [];
    const options = drives.map((d) => ({ value: String(d.number), label: want === "ok" ? `d${d.number} (${d.shards} shard${d.shards === 1 ? "" : "s"})` : `d${d.number} (failed)` }));
    syncOptions(drive, options, options.length === 0 ? (server.value ? none : "pick a server") : undefined);
  };
  server.addEventListener("change", () => {
    session.selection.setSlot(0, server.value);
    fillDrives();
  });
  const sync = (picked: readonly string[]) => {
    const want0 = picked[0] ?? "";
    if (want0 && Array.from(server.options).some((o) => o.value === want0) && server.value !== want0) {
      server.value = want0;
      fillDrives();
    }
  };
  const unsubscribe = session.selection.onChange(sync);
  return {
    fields,
    server,
    drive,
    picked(status) {
      const n = Number(drive.value);
      if (server.value && Number.isInteger(n) && n > 0) return { node: server.value, drive: n };
      status.dataset.ok = "false";
      status.textContent = server.value
        ? `${server.value} has ${none}: pick another server.`
        : "Pick a server first: click its rack on the diagram or choose it in the list.";
      return null;
    },
    update(next) {
      state = next;
      const nodes = sortedValues(next.nodes, (n) => n.id);
      const options = nodes.map((n) => {
        const failed = parseDrives(n.drives).filter((d) => d.state !== "ok").length;
        const notes = [n.up ? "" : "down", failed > 0 ? `${failed} failed` : ""].filter(Boolean).join(", ");
        return { value: n.id, label: notes ? `${n.id} (${notes})` : n.id };
      });
      syncOptions(server, options, "choose");
      sync(session.selection.nodes);
      fillDrives();
    },
    destroy: unsubscribe,
  };
}
