/** The sync figures (issue 4): bytes on the wire, server ingest rate, applying pulled pages on the device. */
import { benchApply } from './applyPull';
import { benchServer } from './server';
import { benchWire } from './wire';

export async function benchSync(): Promise<void> {
  await benchWire();
  await benchServer();
  await benchApply();
}
