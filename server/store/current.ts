// The store the game rooms of this process write to. Colyseus creates rooms itself (the matchmaker keeps them in
// module state, one server per process), so a room cannot be handed its store: startServer() sets it here.

import type { Store } from "./store";

let current: Store | undefined;

export function setRoomStore(store: Store | undefined): void {
  current = store;
}

export function roomStore(): Store {
  if (!current) throw new Error("no database is open for the rooms: start them with startServer()");
  return current;
}
