import { runExportCli } from './commands';

/** `npm run export -- <csv|hxl|geojson|iati> … --out PATH`; the command lives in commands.ts. */
process.exitCode = await runExportCli(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  env: process.env,
});
