import diagnostics from 'node:diagnostics_channel';

/**
 * Where the server tells that it starts and ends reading a form file (`{ phase, fileName }`; `stopped` once
 * a worker run past the time limit has been terminated, its thread gone), on a
 * diagnostics channel (node:diagnostics_channel): free when nobody listens, and what a test or an operator's
 * tracing subscribes to.
 */
export const FORM_PARSE_CHANNEL = 'terrain.forms.parse';

const channel = diagnostics.channel(FORM_PARSE_CHANNEL);

export function tellParse(phase: 'start' | 'end' | 'stopped', fileName: string): void {
  if (channel.hasSubscribers) channel.publish({ phase, fileName });
}
