// The page's fixed regions (client/index.html), looked up once.

function byId(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`client/index.html has no #${id}`);
  return el;
}

/**
 * While a full-screen card (start screen, role picker) is up, the page behind it is inert: Tab and screen readers
 * stay inside the card.
 */
export function setModal(on: boolean): void {
  for (const id of ["topbar", "stage", "banner-host"]) {
    const el = document.getElementById(id);
    if (el) el.inert = on;
  }
}

export const hosts = {
  get canvas() {
    return byId("canvas-host");
  },
  get screen() {
    return byId("screen");
  },
  get overlay() {
    return { canvas: byId("canvas-host"), topbar: byId("topbar"), info: byId("info"), sidebar: byId("sidebar"), below: byId("below-canvas"), banner: byId("banner-host") };
  },
};
