// A clock whose time moves only when a test says so; sleepers wake in order of their deadlines.
import type { Clock } from "../../../provider/webex/clock";

export class FakeClock implements Clock {
  private time = 1_000_000;
  private sleepers: Array<{ until: number; wake: () => void }> = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.sleepers.push({ until: this.time + Math.max(0, ms), wake: resolve });
    });
  }

  /** Moves time forward, waking every sleeper whose deadline has come. */
  async advance(ms: number): Promise<void> {
    this.time += ms;
    const due = this.sleepers.filter((s) => s.until <= this.time);
    this.sleepers = this.sleepers.filter((s) => s.until > this.time);
    for (const sleeper of due) sleeper.wake();
    await settle();
  }
}

/** Lets pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}
