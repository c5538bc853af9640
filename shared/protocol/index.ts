// The one wire vocabulary between game clients and the room.
export * from "./actions";
export * from "./messages";
export * from "./roles";
export * from "./join-code";
export * from "./level-summary";
