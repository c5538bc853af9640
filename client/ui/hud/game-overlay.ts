// The DOM around the diagram while a game runs: status bar, briefing, objectives, keys and event log on the left, the
// player's controls on the right, the legend and the node table under the canvas, the outcome banner on top.
// Panels are built once and updated from every state patch; the role panel is swapped when the role changes.

import type { GameStateView } from "../../net/state";
import type { Session } from "../../session";
import { createChaosPanel } from "../controls/chaos-panel";
import { createClientPanel } from "../controls/client-panel";
import { createHostPanel } from "../controls/host-panel";
import { createNodePanel } from "../controls/node-panel";
import { createOperatorPanel } from "../controls/operator-panel";
import { createPlayersPanel } from "../controls/players-panel";
import { createSpectatorPanel } from "../controls/spectator-panel";
import type { Panel } from "../panel";
import { createBriefingPanel } from "./briefing-panel";
import { createEventLog } from "./event-log";
import { createKeyList } from "./key-list";
import { createLegend } from "./legend";
import { createNodeTable } from "./node-table";
import { createObjectivesPanel } from "./objectives-panel";
import { createOutcomeBanner } from "./outcome-banner";
import { createTopBar } from "./top-bar";

export interface OverlayHosts {
  canvas: HTMLElement;
  topbar: HTMLElement;
  info: HTMLElement;
  sidebar: HTMLElement;
  below: HTMLElement;
  banner: HTMLElement;
}

export interface OverlayActions {
  changeRole: () => void;
  leave: () => void;
}

function rolePanel(session: Session, role: string, actions: OverlayActions): Panel {
  switch (role) {
    case "chaos":
      return createChaosPanel(session);
    case "operator":
      return createOperatorPanel(session);
    case "client":
      return createClientPanel(session);
    case "node":
      return createNodePanel(session);
    default:
      return createSpectatorPanel(actions.changeRole);
  }
}

export const NODE_TABLE_ID = "node-table";

export function mountGameOverlay(session: Session, hosts: OverlayHosts, actions: OverlayActions): () => void {
  const top = createTopBar(session, actions);
  const briefing = createBriefingPanel();
  const objectives = createObjectivesPanel();
  const log = createEventLog();
  const table = createNodeTable(NODE_TABLE_ID);
  const legend = createLegend();
  const keys = createKeyList(session);
  const banner = createOutcomeBanner(session);
  const host = createHostPanel(session);
  const players = createPlayersPanel(session);

  hosts.topbar.replaceChildren(top.el);
  hosts.info.replaceChildren(briefing.el, objectives.el, keys.el, log.el);
  hosts.below.replaceChildren(legend.el, table.el);
  table.toggle.classList.add("table-toggle");
  hosts.canvas.after(table.toggle);
  hosts.banner.replaceChildren(banner.el);

  let roleKey = "";
  let role: Panel | null = null;
  let hostShown = false;

  const layoutSidebar = (state: GameStateView) => {
    const me = session.me();
    const key = `${me?.role ?? ""}|${me?.node ?? ""}`;
    const isHost = me?.host ?? false;
    if (key === roleKey && isHost === hostShown && role) return;
    if (key !== roleKey || !role) {
      role?.destroy?.();
      role = me && me.role !== "host" ? rolePanel(session, me.role, actions) : null;
      roleKey = key;
    }
    hostShown = isHost;
    const panels = [role?.el, isHost ? host.el : null].filter((el): el is HTMLElement => el !== null && el !== undefined);
    if (panels.length === 0) panels.push(createSpectatorPanel(actions.changeRole).el);
    panels.push(players.el);
    hosts.sidebar.replaceChildren(...panels);
    role?.update(state);
  };

  const update = (state: GameStateView) => {
    layoutSidebar(state);
    for (const panel of [top, briefing, objectives, keys, log, legend, table, banner, host, players]) panel.update(state);
    role?.update(state);
  };

  const unsubscribe = session.onState(update);
  if (session.state) update(session.state);

  return () => {
    unsubscribe();
    role?.destroy?.();
    keys.destroy?.();
    for (const el of [hosts.topbar, hosts.info, hosts.sidebar, hosts.below, hosts.banner]) el.replaceChildren();
    table.toggle.remove();
  };
}
