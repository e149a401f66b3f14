import { businessDateOf, DEFAULT_TIME_ZONE } from '../src-shared/domain/dates';

/** "Now" and "today" come from here, so tests control time. Today is in the shop's time zone. */
export interface Clock {
  readonly timeZone: string;
  now(): Date;
  nowIso(): string;
  today(): string;
}

export function systemClock(timeZone: string = DEFAULT_TIME_ZONE): Clock {
  return {
    timeZone,
    now: () => new Date(),
    nowIso: () => new Date().toISOString(),
    today: () => businessDateOf(new Date(), timeZone),
  };
}

export interface ManualClock extends Clock {
  set(instant: Date | string): void;
  advance(ms: number): void;
}

/** A clock that only moves when told to. */
export function manualClock(start: Date | string, timeZone: string = DEFAULT_TIME_ZONE): ManualClock {
  let current = new Date(start);
  return {
    timeZone,
    now: () => new Date(current),
    nowIso: () => current.toISOString(),
    today: () => businessDateOf(current, timeZone),
    set(instant) {
      current = new Date(instant);
    },
    advance(ms) {
      current = new Date(current.getTime() + ms);
    },
  };
}
