// The page's fixed regions (client/index.html), looked up once.

function byId(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`client/index.html has no #${id}`);
  return el;
}

export const hosts = {
  get canvas() {
    return byId("canvas-host");
  },
  get screen() {
    return byId("screen");
  },
  get overlay() {
    return { topbar: byId("topbar"), info: byId("info"), sidebar: byId("sidebar"), below: byId("below-canvas"), banner: byId("banner-host") };
  },
};
