/**
 * `npm run dev`: the API on PORT (default 8080), restarted on change, and Vite's dev server with hot reload,
 * which proxies /api to it. Open the URL Vite prints.
 */
import { spawn } from 'node:child_process';

const children = [
  spawn('npx', ['tsx', 'watch', 'src/server/cli.ts', 'serve'], { stdio: 'inherit' }),
  spawn('npx', ['vite'], { stdio: 'inherit' }),
];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
for (const child of children) child.once('exit', stop);
