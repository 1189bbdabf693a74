/**
 * `npm run bench [-- name…]`: prints every figure as `name: value`. Names: bundle, store, server, expr, engine.
 * Benchmarks measure; they never fail on a threshold (the bundle budget is enforced by the test build).
 */
import { benchBundle } from './bundle';
import { benchExpr } from './expr';
import { benchFormEngine } from './formEngine';
import { benchServer } from './server';
import { benchStore } from './store';

const suites: Record<string, () => Promise<void>> = {
  bundle: benchBundle,
  store: benchStore,
  server: benchServer,
  expr: benchExpr,
  engine: benchFormEngine,
};
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((name) => !(name in suites));
if (unknown.length) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(suites).join(', ')}`);
  process.exit(2);
}
for (const name of wanted.length ? wanted : Object.keys(suites)) {
  console.log(`# ${name}`);
  await suites[name]!();
}
