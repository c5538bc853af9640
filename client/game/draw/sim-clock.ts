// Simulated time between state patches. The room sends simTime a few times a second; in between we run the clock
// forward at the room's speed (simulated ms per real ms) so messages glide instead of jumping. The estimate never
// runs more than one patch gap ahead, never goes backwards within a run, and snaps when the room jumps (a restart).

const MAX_AHEAD_REAL_MS = 250;

export class SimClock {
  private baseSim = 0;
  private baseWall = 0;
  private speed = 1;
  private running = false;
  private shown = 0;

  /** Take the room's latest time. `running` is false while paused, in the lobby and after the end. */
  sync(simTime: number, speed: number, running: boolean, wallNow: number): void {
    const jumpedBack = simTime < this.shown - 1000 * Math.max(speed, 1);
    if (simTime !== this.baseSim || speed !== this.speed || running !== this.running || jumpedBack) {
      this.baseSim = simTime;
      this.baseWall = wallNow;
      this.speed = speed;
      this.running = running;
      if (jumpedBack) this.shown = simTime;
    }
  }

  now(wallNow: number): number {
    const ahead = this.running ? Math.min(wallNow - this.baseWall, MAX_AHEAD_REAL_MS) * this.speed : 0;
    this.shown = Math.max(this.shown, this.baseSim + Math.max(0, ahead));
    return this.shown;
  }
}

/** How far along its hop a message is at sim time `t`: 0 at send, 1 at arrival; null before it was sent. */
export function flightProgress(sentAt: number, arriveAt: number, t: number): number | null {
  if (t < sentAt) return null;
  if (arriveAt <= sentAt) return 1;
  return Math.min(1, (t - sentAt) / (arriveAt - sentAt));
}
