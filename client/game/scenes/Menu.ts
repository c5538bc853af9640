// Menu: the start screen (name, create or join) and then the role picker, as DOM over a quiet picture of a
// cluster. Once the player has a role, the Game scene takes over. A tab in a class sees the class's screen instead
// (the teacher's console, a student's class screen) and goes to the Game scene whenever the class opens a game:
// the class, not the player, decides the role there.

import Phaser from "phaser";
import { mountClassScreen } from "../../ui/class/class-screen";
import { mountRolePicker } from "../../ui/menu/role-picker";
import { mountStartScreen } from "../../ui/menu/start-screen";
import { hosts } from "../../ui/hosts";
import { INK } from "../draw/palette";
import { ringPositions } from "../draw/ring-layout";
import { HEIGHT, sessionOf, WIDTH } from "../stage";

export class Menu extends Phaser.Scene {
  private unmount: (() => void) | null = null;

  constructor() {
    super("Menu");
  }

  create(): void {
    this.drawBackdrop();
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => this.close());
    this.route();
  }

  /** The screen for where this tab is now: in a game, in a class, or nowhere yet. */
  private route(): void {
    const session = sessionOf(this);
    if (session.room && session.classroom) this.scene.start("Game");
    else if (session.room) this.showRoles();
    else if (session.classroom) this.showClass();
    else this.showStart();
  }

  private showStart(): void {
    const session = sessionOf(this);
    this.close();
    this.unmount = mountStartScreen(hosts.screen, session, () => this.route());
  }

  private showClass(): void {
    const session = sessionOf(this);
    const link = session.classroom;
    if (!link) return;
    this.close();
    const unmount = mountClassScreen(hosts.screen, session, link);
    const offAttach = session.onAttach(() => this.route());
    const offLeave = link.onLeave(() => this.route());
    this.unmount = () => {
      offAttach();
      offLeave();
      unmount();
    };
  }

  private showRoles(): void {
    const session = sessionOf(this);
    this.close();
    this.unmount = mountRolePicker(hosts.screen, session, {
      chosen: () => this.scene.start("Game"),
      leave: () => {
        void session.leave().then(() => this.showStart());
      },
    });
  }

  private close(): void {
    this.unmount?.();
    this.unmount = null;
  }

  /** Five idle nodes, so the page behind the menu already shows what the game is about. */
  private drawBackdrop(): void {
    const g = this.add.graphics();
    const ids = ["n1", "n2", "n3", "n4", "n5"];
    const at = ringPositions(ids, { x: WIDTH / 2, y: HEIGHT / 2 }, 200);
    const points = ids.map((id) => at.get(id) ?? { x: 0, y: 0 });
    g.lineStyle(1.5, INK.link, 1);
    for (const a of points) for (const b of points) if (a !== b) g.lineBetween(a.x, a.y, b.x, b.y);
    for (const p of points) {
      g.fillStyle(INK.nodeFill, 1);
      g.fillCircle(p.x, p.y, 44);
      g.lineStyle(2, INK.textMuted, 1);
      g.strokeCircle(p.x, p.y, 44);
    }
  }
}
