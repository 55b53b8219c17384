// A movable clock for end-to-end tests only. The school day happens at set hours (roll call at
// 15:30, the late-pickup alert after 17:45) and on school days, so a browser test that must watch an
// afternoon unfold moves the server's clock instead of waiting for one. Enabled only by
// `KEHOU_TEST_CLOCK=1`; without it the route does not exist and the clock is the system's.
import { z } from 'zod';
import { AppError } from './errors';
import type { App } from './http';

export interface TestClock {
  now(): Date;
  /** Makes `now()` read `at` from this moment on, then run on in real time. */
  set(at: Date): void;
  reset(): void;
}

export function movableClock(): TestClock {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    set: (at) => {
      offsetMs = at.getTime() - Date.now();
    },
    reset: () => {
      offsetMs = 0;
    },
  };
}

export function testClockRoutes(app: App, clock: TestClock) {
  app.put(
    '/api/v1/test/clock',
    {
      schema: {
        operationId: 'setTestClock',
        tags: ['system'],
        hide: true,
        body: z.object({ at: z.iso.datetime({ offset: true }) }),
        response: { 200: z.object({ now: z.string() }) },
      },
    },
    async (request) => {
      const at = new Date(request.body.at);
      if (Number.isNaN(at.getTime())) throw new AppError('NOT_FOUND');
      clock.set(at);
      return { now: clock.now().toISOString() };
    },
  );
  app.delete(
    '/api/v1/test/clock',
    { schema: { operationId: 'resetTestClock', tags: ['system'], hide: true } },
    async () => {
      clock.reset();
      return { now: clock.now().toISOString() };
    },
  );
}
