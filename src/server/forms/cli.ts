import { runFormsCli } from './commands';

/** `npm run forms -- convert FILE` / `import FILE --project ID`; the commands live in commands.ts. */
process.exitCode = await runFormsCli(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  env: process.env,
});
