#!/usr/bin/env node
// Runs a command only if a service it needs answers; otherwise says plainly
// what did not run and why. Under CI (CI=true) a missing service is a
// failure, never a skip.
//   node tools/with-service.mjs postgres|redis -- <command...>
import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';

const [service, separator, ...command] = process.argv.slice(2);
const targets = {
  postgres: new URL(process.env.E2E_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test'),
  redis: new URL(process.env.E2E_REDIS_URL ?? 'redis://127.0.0.1:6379'),
};
const target = targets[service];
if (!target || separator !== '--' || command.length === 0) {
  console.error('usage: with-service.mjs postgres|redis -- <command...>');
  process.exit(2);
}
const port = Number(target.port) || (service === 'postgres' ? 5432 : 6379);

const reachable = await new Promise((done) => {
  const socket = createConnection({ host: target.hostname, port, timeout: 3000 });
  socket.once('connect', () => (socket.destroy(), done(true)));
  socket.once('timeout', () => (socket.destroy(), done(false)));
  socket.once('error', () => done(false));
});

if (!reachable) {
  const what = `${service} at ${target.hostname}:${port} is not reachable`;
  if (process.env.CI === 'true') {
    console.error(`FAILED: ${what}, and CI requires it.`);
    process.exit(1);
  }
  console.log(`SKIPPED: ${what}; did not run: ${command.join(' ')}`);
  process.exit(0);
}

const child = spawn(command[0], command.slice(1), { stdio: 'inherit', shell: false });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
