import diagnostics from 'node:diagnostics_channel';
import { describe, expect, it } from 'vitest';
import { FormTimeLimitError } from '../../../src/server/forms/convertForm';
import { convertInWorker, FORM_TIME_LIMIT_MS } from '../../../src/server/forms/convertInWorker';
import { FORM_PARSE_CHANNEL } from '../../../src/server/forms/parseChannel';
import { fixture } from './fixtureFiles';

/** Resolves with the file name once a reader past its time limit has been terminated. */
const stopped = () =>
  new Promise<string>((resolve) => {
    const listener = (message: unknown) => {
      const { phase, fileName } = message as { phase: string; fileName: string };
      if (phase !== 'stopped') return;
      diagnostics.unsubscribe(FORM_PARSE_CHANNEL, listener);
      resolve(fileName);
    };
    diagnostics.subscribe(FORM_PARSE_CHANNEL, listener);
  });

const job = (bytes: Uint8Array, fileName: string) => ({
  bytes,
  fileName,
  now: '2026-01-01T00:00:00.000Z',
  media: [],
  mode: 'preview' as const,
});

describe('the time limit of reading a form (issue 13: `forms convert` never runs longer than 10 s)', () => {
  it('is 10 s, for the CLI and for uploads alike', () => {
    expect(FORM_TIME_LIMIT_MS).toBe(10_000);
  });

  it('terminates the worker past the limit and refuses the form as too large', async () => {
    const terminated = stopped();
    const reading = convertInWorker(job(fixture('widgets.xls'), 'widgets.xls'), { timeLimitMs: 1 });
    await expect(reading).rejects.toThrow(FormTimeLimitError);
    await expect(reading).rejects.toMatchObject({
      kind: 'too_large',
      message: 'widgets.xls took longer than 0.001 s to read: reading was stopped',
    });
    expect(await terminated).toBe('widgets.xls');
  });

  it('converts within the limit', async () => {
    const { form } = await convertInWorker(job(fixture('widgets.xls'), 'widgets.xls'));
    expect(form.id).toBe('widgets');
  });
});
