#!/usr/bin/env node
// Keeps one process of `npm start` running: restarts it when it exits, with back-off (ADR 0051).
//
//   node tools/supervisor.mjs --name referrals --log .data/logs/referrals.log [--child-pid-file f] \
//        [--initial-ms 1000] [--max-ms 30000] [--reset-after-ms 60000] -- node dist/services/referrals/src/main.js
//
// The child's output and the supervisor's own lines go to the log file. When file descriptor 3 is open (npm start
// passes its terminal there when it has one), the supervisor's lines are also written to it. SIGTERM or SIGINT stops
// the child (SIGTERM, then SIGKILL after 5 s) and then the supervisor; a child that exits is started again after
// initial-ms, doubling up to max-ms, and the delay starts over once a child has been up for reset-after-ms.
import { spawn } from 'node:child_process';
import { appendFileSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';

/** Parses `--flag value … -- command args…`. Exported for the test. */
export function parseArgs(argv) {
  const split = argv.indexOf('--');
  if (split < 0 || split === argv.length - 1) throw new Error('usage: supervisor.mjs --name N --log F -- command …');
  const flags = {};
  for (let i = 0; i < split; i += 2) flags[argv[i].replace(/^--/, '')] = argv[i + 1];
  if (!flags.name || !flags.log) throw new Error('--name and --log are required');
  return {
    name: flags.name,
    log: flags.log,
    childPidFile: flags['child-pid-file'],
    initialMs: Number(flags['initial-ms'] ?? 1000),
    maxMs: Number(flags['max-ms'] ?? 30_000),
    resetAfterMs: Number(flags['reset-after-ms'] ?? 60_000),
    command: argv[split + 1],
    args: argv.slice(split + 2),
  };
}

/** The delay before restart number `restarts` (0-based): initialMs doubling up to maxMs. */
export const backoff = (restarts, { initialMs, maxMs }) => Math.min(maxMs, initialMs * 2 ** Math.min(restarts, 30));

function main() {
  const options = parseArgs(process.argv.slice(2));
  let console3 = true;
  const say = (level, msg, fields = {}) => {
    const line = JSON.stringify({
      time: new Date().toISOString(),
      level,
      service: 'supervisor',
      target: options.name,
      msg,
      ...fields,
    });
    appendFileSync(options.log, `${line}\n`);
    if (!console3) return;
    try {
      writeSync(3, `[supervisor] ${options.name}: ${msg}\n`);
    } catch {
      console3 = false; // no terminal (fd 3 closed, or the terminal went away)
    }
  };

  let child;
  let stopping = false;
  let failures = 0;
  let timer;

  const start = () => {
    const out = openSync(options.log, 'a');
    const startedAt = Date.now();
    child = spawn(options.command, options.args, { stdio: ['ignore', out, out], env: process.env });
    if (options.childPidFile) writeFileSync(options.childPidFile, String(child.pid));
    say('info', `started (pid ${child.pid})`, { pid: child.pid });
    child.once('exit', (code, signal) => {
      if (options.childPidFile) rmSync(options.childPidFile, { force: true });
      if (stopping) return;
      if (Date.now() - startedAt >= options.resetAfterMs) failures = 0;
      const delay = backoff(failures, options);
      failures++;
      say('warn', `exited with ${signal ?? `code ${code}`}; restarting in ${delay} ms (restart ${failures})`, {
        code,
        signal,
        restartInMs: delay,
        restarts: failures,
      });
      timer = setTimeout(start, delay);
    });
    child.once('error', (error) => say('error', `could not start: ${error.message}`));
  };

  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    clearTimeout(timer);
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      say('info', `stopped (${signal})`);
      process.exit(0);
    }
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      say('info', `stopped (${signal})`);
      process.exit(0);
    });
    child.kill('SIGTERM');
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGHUP', () => undefined); // the terminal that started npm start may close; keep supervising
  start();
}

if (import.meta.url === `file://${process.argv[1]}`) main();
