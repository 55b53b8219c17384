import { expect, it } from 'vitest';
import { movableClock } from './test-clock';

it('moves to a set instant and runs on from there; reset returns to the system clock', () => {
  const clock = movableClock();
  const at = new Date('2026-12-01T09:20:00Z');
  clock.set(at);
  const read = clock.now().getTime();
  expect(read - at.getTime()).toBeGreaterThanOrEqual(0);
  expect(read - at.getTime()).toBeLessThan(1000);
  clock.reset();
  expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
});
