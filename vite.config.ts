import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The browser client lives in client/ and is built to dist/client, which the Colyseus process serves itself
// (`npm start`). `vite` alone runs a dev server that forwards the HTTP API and the game's websocket to it.
const SERVER = process.env.SPLIT_BRAIN_SERVER ?? "http://localhost:2567";

export default defineConfig({
  // Absolute, so a programmatic build (the browser tests) works from any working directory.
  root: fileURLToPath(new URL("./client", import.meta.url)),
  base: "./",
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL("./dist/client", import.meta.url)),
    emptyOutDir: true,
    // Phaser alone is ~1.2 MB minified; a warning about it on every build says nothing new.
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: {
      "/api": SERVER,
      // Colyseus matchmaking goes over HTTP under /matchmake, the room itself over a websocket on the room's path.
      "/matchmake": SERVER,
      "^/[A-Za-z0-9_-]+/[A-Za-z0-9_-]+(\\?.*)?$": { target: SERVER, ws: true },
    },
  },
});
