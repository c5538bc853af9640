// The menu's screen for a tab in a class with no game open: the teacher's console, or a student's class screen.

import type { ClassLink } from "../../net/class-link";
import type { Session } from "../../session";
import { mountConsole } from "./console";
import { mountStudentScreen } from "./student-screen";

export function mountClassScreen(host: HTMLElement, session: Session, link: ClassLink): () => void {
  return link.isTeacher ? mountConsole(host, session, link) : mountStudentScreen(host, link);
}
