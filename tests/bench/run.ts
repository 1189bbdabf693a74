/**
 * `npm run bench [-- name…]`: prints every figure as `name: value`. Groups: bundle, store, sync, expr, engine,
 * export, forms, access, firstload (all of them by default); `server` runs the push throughput part of `sync` alone, `wire` its bytes on
 * the wire, `mappacks` the upload and download of an offline map pack, `map` the map's code size, its first
 * offline render in Chromium and the `mappacks` figures, `load` many simulated devices against server processes
 * (about 13 minutes: tests/bench/load.ts).
 * Benchmarks measure; they never fail on a threshold (the bundle budget is enforced by the test build).
 */
import { benchAccess } from './access';
import { benchBundle } from './bundle';
import { benchExport } from './export';
import { benchExpr } from './expr';
import { benchFormEngine } from './formEngine';
import { benchFirstLoad } from './firstload';
import { benchFormUploads } from './formUploads';
import { benchLoad } from './load';
import { benchMap } from './map';
import { benchMapPacks } from './mapPacks';
import { benchServer } from './server';
import { benchStore } from './store';
import { benchSync } from './sync';
import { benchWire } from './wire';

// The figures go to stdout: the request log of the servers benchmarks start (JSON lines) would bury them.
process.env.LOG_LEVEL ??= 'warn';

const suites: Record<string, () => Promise<void>> = {
  bundle: benchBundle,
  store: benchStore,
  sync: benchSync,
  expr: benchExpr,
  engine: benchFormEngine,
  export: benchExport,
  forms: benchFormUploads,
  access: benchAccess,
  firstload: benchFirstLoad,
};
/** Parts of a group that can be run alone; not run again by default. */
const parts: Record<string, () => Promise<void>> = {
  server: benchServer,
  wire: benchWire,
  mappacks: benchMapPacks,
  map: benchMap,
  load: benchLoad,
};

const known = { ...suites, ...parts };
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((name) => !(name in known));
if (unknown.length) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(known).join(', ')}`);
  process.exit(2);
}
for (const name of wanted.length ? wanted : Object.keys(suites)) {
  console.log(`# ${name}`);
  await known[name]!();
}
