// Entry point: one Session per tab, handed to the Phaser game (Boot → Preloader → Menu → Game).

import "./no-eval"; // first: before any module builds or runs a zod schema
import { startGame } from "./game/main";
import { Session } from "./session";
import { hosts } from "./ui/hosts";

startGame(hosts.canvas, new Session());
