#!/usr/bin/env node
// The repo's one entry point for people and CI:
//   npm start   → node tools/run.mjs up     infrastructure, build, migrations, demo catalogue, every service
//   npm stop    → node tools/run.mjs down   stop the services (and their supervisors) and the Kafka broker
//   npm run status → node tools/run.mjs status   which supervised processes run
//   npm test    → node tools/run.mjs test   the whole suite, as CI runs it
//   npm run bench:<name>, npm run token -- <role> <org>, npm run dlq -- list|redrive <topic>
// It must start on the machine's older Node too: it installs dependencies when they are missing and then
// re-executes itself on the Node 24 binary that the `node` npm package provides.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'node_modules', '.bin');
const NODE24 = join(BIN, 'node');
const [command = 'up', ...args] = process.argv.slice(2);

/** The services in start order (the gateway last), from tools/services.json: a new service adds a line there. */
const SERVICES = JSON.parse(readFileSync(join(ROOT, 'tools', 'services.json'), 'utf8')).map((service) => ({
  ...service,
  dir: `services/${service.name}`,
}));

const say = (line) => process.stdout.write(`${line}\n`);
const run = (cmd, argv, options = {}) => {
  const result = spawnSync(cmd, argv, { stdio: 'inherit', cwd: ROOT, env: process.env, ...options });
  if (result.status !== 0) {
    say(`✗ ${cmd} ${argv.join(' ')} exited with ${result.status ?? result.signal}`);
    process.exit(result.status ?? 1);
  }
};

// 1. Dependencies and Node 24.
if (!existsSync(NODE24) || !existsSync(join(ROOT, 'node_modules', '.package-lock.json'))) {
  say('• installing dependencies (npm install)…');
  run('npm', ['install', '--no-audit', '--no-fund']);
}
if (!process.versions.node.startsWith('24.')) {
  const child = spawnSync(NODE24, [fileURLToPath(import.meta.url), command, ...args], {
    stdio: 'inherit',
    env: { ...process.env, PATH: `${BIN}:${process.env.PATH}` },
  });
  process.exit(child.status ?? 1);
}
process.env.PATH = `${BIN}:${process.env.PATH}`;

// 2. Development defaults: .env.example, then .env, never overriding what the caller set.
for (const file of ['.env.example', '.env']) {
  if (!existsSync(join(ROOT, file))) continue;
  for (const line of readFileSync(join(ROOT, file), 'utf8').split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match && (process.env[match[1]] === undefined || file === '.env')) process.env[match[1]] = match[2];
  }
}

const portOpen = (port, host = '127.0.0.1') =>
  new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

async function ensurePostgres() {
  const url = new URL(process.env.DATABASE_URL);
  const port = Number(url.port || 5432);
  if (await portOpen(port, url.hostname)) return;
  say('• PostgreSQL is not running; starting it…');
  const versions = existsSync('/etc/postgresql') ? readdir('/etc/postgresql') : [];
  if (versions.length === 0) throw new Error(`No PostgreSQL on ${url.host} and none installed to start`);
  run('pg_ctlcluster', ['--skip-systemctl-redirect', versions[0], 'main', 'start']);
  for (let i = 0; i < 50 && !(await portOpen(port, url.hostname)); i++) await sleep(200);
}

function readdir(path) {
  return execFileSync('ls', [path], { encoding: 'utf8' }).split('\n').filter(Boolean);
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function ensureKafka() {
  const [host, port] = process.env.KAFKA_BROKERS.split(',')[0].split(':');
  const ours = spawnSync('bash', ['tools/kafka/kafka.sh', 'status'], { encoding: 'utf8' }).stdout.includes(
    'kafka: running',
  );
  if (!ours && (await portOpen(Number(port), host))) {
    say(`• using the Kafka broker already listening on ${host}:${port}`);
  } else {
    run('bash', ['tools/kafka/kafka.sh', 'start']);
  }
  const { createKafka, ensureTopics } = await import(join(ROOT, 'dist/libs/messaging/src/index.js'));
  const { ALL_TOPICS } = await import(join(ROOT, 'dist/libs/contracts/src/index.js'));
  await ensureTopics(createKafka('platform-setup'), [...ALL_TOPICS]);
}

function build() {
  say('• building (tsc)…');
  rmSync(join(ROOT, 'dist'), { recursive: true, force: true });
  run('npm', ['run', '--silent', 'build']);
}

const pidFile = (name) => join(ROOT, '.data', 'pids', `${name}.pid`);
const childPidFile = (name) => join(ROOT, '.data', 'pids', `${name}.child.pid`);
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitHealthy(name, port, logFile) {
  for (let i = 0; i < 150; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  say(readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n'));
  throw new Error(`${name} did not become healthy on port ${port}`);
}

async function up() {
  await ensurePostgres();
  build();
  await ensureKafka();
  mkdirSync(join(ROOT, '.data', 'pids'), { recursive: true });
  mkdirSync(join(ROOT, '.data', 'logs'), { recursive: true });
  for (const service of SERVICES.filter((s) => s.database)) {
    run('node', [`dist/${service.dir}/src/migrate.js`, '--seed']);
  }
  await down({ kafka: false, quiet: true });
  // Each service runs under tools/supervisor.mjs, which restarts it when it exits (back-off 1 s doubling to 30 s,
  // reset after a minute up; ADR 0051). The pid file holds the supervisor's pid, <name>.child.pid the service's.
  const console3 = process.stdout.isTTY ? 'inherit' : 'ignore';
  for (const service of SERVICES) {
    const logFile = join(ROOT, '.data', 'logs', `${service.name}.log`);
    const out = openSync(logFile, 'a');
    const supervisor = spawn(
      'node',
      [
        join(ROOT, 'tools', 'supervisor.mjs'),
        '--name',
        service.name,
        '--log',
        logFile,
        '--child-pid-file',
        childPidFile(service.name),
        '--',
        'node',
        '--enable-source-maps',
        `dist/${service.dir}/src/main.js`,
      ],
      {
        cwd: ROOT,
        // The service's memory settings of tools/services.json, as compose and Kubernetes set them (ADR 0074).
        env: { ...process.env, ...service.memory.env },
        detached: true,
        stdio: ['ignore', out, out, console3],
      },
    );
    supervisor.unref();
    writeFileSync(pidFile(service.name), String(supervisor.pid));
    await waitHealthy(service.name, process.env[service.portVar], logFile);
  }
  say('');
  say('The platform is up:');
  say(`  Kafka broker       ${process.env.KAFKA_BROKERS}`);
  say(`  PostgreSQL         ${new URL(process.env.DATABASE_URL).host}`);
  for (const service of SERVICES) {
    const port = process.env[service.portVar];
    say(
      `  ${service.name.padEnd(18)} http://127.0.0.1:${port}   (API docs: /api/docs, health: /health, metrics: http://127.0.0.1:${process.env[service.metricsPortVar]}/metrics, logs: .data/logs/${service.name}.log)`,
    );
  }
  say('');
  say(
    `  ► The gateway listens on http://localhost:${process.env.GATEWAY_PORT}  (GraphQL: /graphql, REST: /api/v1, docs: /api/docs)`,
  );
  say('');
  say('Processes (each service restarted by its supervisor when it exits):');
  status();
  say('');
  say('Get a token:  npm run token -- jobcenter 101     Stop everything:  npm stop');
}

/** `status`: which supervised processes run (also printed by npm start). */
function status() {
  for (const service of SERVICES) {
    const supervisor = readPid(pidFile(service.name));
    const child = readPid(childPidFile(service.name));
    const state = supervisor && alive(supervisor) ? `supervisor pid ${supervisor}` : 'not running';
    const running =
      child && alive(child) ? `, service pid ${child}` : supervisor && alive(supervisor) ? ', service restarting' : '';
    say(`  ${service.name.padEnd(18)} ${state}${running}`);
  }
}

const readPid = (file) => (existsSync(file) ? Number(readFileSync(file, 'utf8')) || undefined : undefined);

async function down({ kafka = true, quiet = false } = {}) {
  for (const service of SERVICES) {
    // The supervisor first (it stops its service and does not restart it), then a service left without one.
    for (const file of [pidFile(service.name), childPidFile(service.name)]) {
      const pid = readPid(file);
      if (pid && alive(pid)) {
        process.kill(pid, 'SIGTERM');
        for (let i = 0; i < 70 && alive(pid); i++) await sleep(100);
        if (alive(pid)) process.kill(pid, 'SIGKILL');
        if (!quiet)
          say(`• stopped ${service.name}${file.endsWith('.child.pid') ? ' (left without its supervisor)' : ''}`);
      }
      rmSync(file, { force: true });
    }
  }
  if (kafka) run('bash', ['tools/kafka/kafka.sh', 'stop']);
}

async function test() {
  await ensurePostgres();
  build();
  await ensureKafka();
  const steps = [
    ['types', 'tsc', ['-p', 'tsconfig.json', '--noEmit']],
    ['lint', 'npm', ['run', '--silent', 'lint']],
    ['format', 'prettier', ['--check', '--log-level', 'warn', '.']],
    ['proto lint', 'buf', ['lint']],
    ['generated contracts up to date', 'bash', ['libs/contracts/check-generated.sh']],
    ['no breaking proto change against main', 'bash', ['libs/contracts/check-breaking.sh']],
    // Needs no running service: the documents are built from the Nest apps without listening (ADR 0060).
    [
      'openapi contract (redocly lint 0/0, snapshot drift, no breaking change against main)',
      'node',
      [
        '--experimental-vm-modules',
        join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
        '--ci',
        '--selectProjects',
        'unit',
        '--testPathPatterns',
        'tools/contracts/openapi-contract',
      ],
    ],
  ];
  for (const [label, cmd, argv] of steps) {
    say(`• ${label}`);
    run(cmd, argv);
  }
  const jest = ['--experimental-vm-modules', join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci'];
  say('• unit tests');
  run('node', [...jest, '--selectProjects', 'unit']);
  say('• integration tests (real PostgreSQL and Kafka, one file at a time)');
  run('node', [...jest, '--selectProjects', 'integration', '--runInBand', '--forceExit']);
  say('• end-to-end tests (every service and the gateway as processes, real PostgreSQL and Kafka)');
  run('node', [...jest, '--selectProjects', 'e2e', '--runInBand', '--forceExit']);
}

async function token() {
  const [role = 'jobcenter', org = role === 'jobcenter' || role === 'analyst' ? '101' : ''] = args;
  if (!existsSync(join(ROOT, 'dist/libs/auth/src/index.js'))) build();
  const { mintToken } = await import(join(ROOT, 'dist/libs/auth/src/index.js'));
  say(
    await mintToken(
      { jwtSecret: process.env.AUTH_JWT_SECRET, issuer: process.env.AUTH_ISSUER, audience: process.env.AUTH_AUDIENCE },
      { sub: `dev-${role}-${org || 'platform'}`, role, org, name: `Development ${role}` },
      12 * 3600,
    ),
  );
}

async function bench() {
  const [name = 'referrals'] = args;
  await ensurePostgres();
  build();
  await ensureKafka();
  for (const service of SERVICES.filter((s) => s.database))
    run('node', [`dist/${service.dir}/src/migrate.js`, '--seed']);
  run('node', [`tools/bench/${name}.mjs`]);
}

/** `dlq list [topic…]` shows dead letters (default: every event topic); `dlq redrive <topic>` re-publishes them. */
async function dlq() {
  const [action = 'list', ...topics] = args;
  if (!existsSync(join(ROOT, 'dist/libs/messaging/src/index.js'))) build();
  const { createKafka, listDeadLetters, redriveDeadLetters } = await import(
    join(ROOT, 'dist/libs/messaging/src/index.js')
  );
  const { EVENT_TOPICS } = await import(join(ROOT, 'dist/libs/contracts/src/index.js'));
  const kafka = createKafka('dlq-tool');
  if (action === 'list') {
    for (const topic of topics.length > 0 ? topics : EVENT_TOPICS) {
      const letters = await listDeadLetters(kafka, topic);
      say(`${topic}.dlq: ${letters.length} dead letter(s)`);
      for (const l of letters) {
        say(
          `  ${l.time}  ${l.headers.ce_type ?? '?'}  id ${l.headers.ce_id ?? '?'}  key ${l.key}  consumer ${l.consumer}`,
        );
        say(`    after ${l.attempts} attempt(s): ${l.error}   (from ${l.source})`);
      }
    }
  } else if (action === 'redrive' && topics.length === 1) {
    const redriven = await redriveDeadLetters(kafka, topics[0]);
    say(`re-drove ${redriven.length} dead letter(s) to ${topics[0].replace(/\.dlq$/, '')}`);
  } else {
    say('usage: npm run dlq -- list [topic…] | npm run dlq -- redrive <topic>');
    process.exit(2);
  }
}

const commands = { up, down, status: async () => status(), test, token, bench, dlq };
if (!commands[command]) {
  say(`usage: node tools/run.mjs ${Object.keys(commands).join('|')}`);
  process.exit(2);
}
commands[command]().catch((error) => {
  say(`✗ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
