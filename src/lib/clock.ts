// All "now" in the domain comes from here so that SLA and expiry logic can be tested with a fake clock.
export interface Clock {
  now(): Date;
}

const systemClock: Clock = { now: () => new Date() };
let current: Clock = systemClock;

export function now(): Date {
  return current.now();
}

/** Tests only: replace the clock; returns a function that restores the previous one. */
export function setClock(clock: Clock): () => void {
  const previous = current;
  current = clock;
  return () => {
    current = previous;
  };
}

export function fixedClock(at: Date): Clock & { advance(ms: number): void; set(d: Date): void } {
  let t = at.getTime();
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
    set: (d) => {
      t = d.getTime();
    },
  };
}
