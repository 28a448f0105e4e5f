/**
 * A clock for tests that never stands still: every reading is `stepMs` later than the one
 * before, as a real clock's would be, and the test moves it further with `set` and `advance`.
 * (A clock frozen between the test's moves once hid a worker that never polled.)
 */
export interface MovingClock {
  now(): Date;
  /** Jumps to an instant; readings go on moving from there. */
  set(iso: string): void;
  advance(ms: number): void;
  /** The last reading, without moving the clock. */
  peek(): Date;
}

export function movingClock(startIso: string, stepMs = 1_000): MovingClock {
  let time = Date.parse(startIso);
  let last = time;
  return {
    now() {
      last = time;
      time += stepMs;
      return new Date(last);
    },
    set(iso) {
      time = Date.parse(iso);
    },
    advance(ms) {
      time += ms;
    },
    peek: () => new Date(last),
  };
}
