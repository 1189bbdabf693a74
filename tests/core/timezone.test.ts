import { expect, it } from 'vitest';

// vitest.config.ts pins the zone so date logic is tested the same on every machine.
it('runs in the pinned time zone', () => {
  expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('Africa/Bamako');
});
