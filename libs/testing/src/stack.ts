import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Kafka } from 'kafkajs';
import { EVENT_TOPICS } from '@platform/contracts';
import { createTestDatabase } from './database';
import { loadDevEnv, REPO_ROOT } from './env';
import { ensureBroker } from './kafka';

interface ServiceEntry {
  name: string;
  portVar: string;
  metricsPortVar: string;
  database: boolean;
  /** The service's memory settings (ADR 0074): NODE_OPTIONS and MALLOC_ARENA_MAX, as every runner sets them. */
  memory: { env: Record<string, string> };
}

export interface Stack {
  /** Base URL of the gateway, e.g. http://127.0.0.1:41234. */
  gateway: string;
  /** Base URL of each service, by name. */
  services: Record<string, string>;
  /** Base URL of each process's internal metrics port (GET <url>/metrics), by name. */
  metrics: Record<string, string>;
  /** The stack's own database (every service's schema), for tests that inspect what was stored. */
  databaseUrl: string;
  /** Everything a process of the stack has printed, for failure messages. */
  logs(name: string): string;
  /** kill -9 one process of the stack (a fault test); it stays down until `restart`. */
  kill(name: string): Promise<void>;
  /** Starts a killed (or exited) process again on its port and waits until it is healthy. */
  restart(name: string): Promise<void>;
  /** Processes that exited without being killed by the test: must stay empty. */
  unexpectedExits(): string[];
  stop(): Promise<void>;
}

const execFileAsync = promisify(execFile);

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

async function waitHealthy(url: string, name: string, logs: () => string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${logs()}`);
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} did not become healthy at ${url}:\n${logs()}`);
}

/**
 * The stack starts on a fresh database but the broker keeps every earlier run's events. Each consumer group the
 * services read (every `*_GROUP` variable) gets a new name whose offsets are set to the current end of the event
 * topics, so the projections see this stack's events and nothing older.
 */
async function freshConsumerGroups(kafka: Kafka): Promise<Record<string, string>> {
  const suffix = randomBytes(4).toString('hex');
  const groups = Object.fromEntries(
    Object.entries(process.env)
      .filter(([name, value]) => name.endsWith('_GROUP') && value)
      .map(([name, value]) => [name, `${value}.e2e-${suffix}`]),
  );
  const admin = kafka.admin();
  await admin.connect();
  try {
    // The high watermarks themselves: kafkajs' resetOffsets(latest) commits -1, which a consumer that reads from
    // the beginning takes as "no offset".
    const ends = await Promise.all(
      EVENT_TOPICS.map(async (topic) => ({ topic, offsets: await admin.fetchTopicOffsets(topic) })),
    );
    for (const groupId of Object.values(groups)) {
      for (const { topic, offsets } of ends) {
        await admin.setOffsets({
          groupId,
          topic,
          partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })),
        });
      }
    }
  } finally {
    await admin.disconnect();
  }
  return groups;
}

/**
 * The whole platform as `npm start` runs it — every service of tools/services.json as its own process from the
 * build output, then the gateway — on a fresh database and the repo's real Kafka broker, on free ports.
 * Needs `npm run build` first (npm test builds).
 */
export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  loadDevEnv();
  const kafka = await ensureBroker();
  const consumerGroups = await freshConsumerGroups(kafka);
  const entries = JSON.parse(readFileSync(join(REPO_ROOT, 'tools', 'services.json'), 'utf8')) as ServiceEntry[];
  for (const entry of entries) {
    const main = join(REPO_ROOT, 'dist', 'services', entry.name, 'src', 'main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
  }
  const database = await createTestDatabase('e2e');
  const ports = Object.fromEntries(await Promise.all(entries.map(async (e) => [e.name, await freePort()] as const)));
  const services = Object.fromEntries(entries.map((e) => [e.name, `http://127.0.0.1:${ports[e.name]}`]));
  const metricsPorts = Object.fromEntries(
    await Promise.all(entries.map(async (e) => [e.name, await freePort()] as const)),
  );
  const metrics = Object.fromEntries(entries.map((e) => [e.name, `http://127.0.0.1:${metricsPorts[e.name]}`]));
  const processEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    LOG_LEVEL: 'warn',
    ...Object.fromEntries(entries.map((e) => [e.portVar, String(ports[e.name])])),
    ...Object.fromEntries(entries.map((e) => [e.metricsPortVar, String(metricsPorts[e.name])])),
    ...Object.fromEntries(entries.map((e) => [`${e.name.toUpperCase()}_URL`, services[e.name]])),
    ...consumerGroups,
    ...env,
  };
  const children = new Map<string, ChildProcess>();
  const output: Record<string, string> = {};
  const killedByTest = new Set<ChildProcess>();
  const unexpected: string[] = [];
  let stopping = false;
  const stop = async () => {
    stopping = true;
    await Promise.all(
      [...children.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            // A process that died of a signal (an abort at V8's heap limit) has no exit code but has exited.
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 5000).unref();
          }),
      ),
    );
    await database.drop();
  };
  const spawnService = async (entry: ServiceEntry) => {
    const dir = join(REPO_ROOT, 'dist', 'services', entry.name, 'src');
    output[entry.name] ??= '';
    const child = spawn(process.execPath, ['--enable-source-maps', join(dir, 'main.js')], {
      env: { ...processEnv, ...entry.memory.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The last 200 kB, cut at a line boundary, so every kept line is whole (the log tests parse each one).
    const keep = (chunk: Buffer) => {
      const text = output[entry.name] + chunk.toString();
      output[entry.name] = text.length > 200_000 ? text.slice(text.indexOf('\n', text.length - 200_000) + 1) : text;
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.once('exit', (code, signal) => {
      if (!stopping && !killedByTest.has(child)) unexpected.push(`${entry.name} exited (${code ?? signal})`);
    });
    children.set(entry.name, child);
    await waitHealthy(services[entry.name], entry.name, () => output[entry.name], child);
  };
  const run = async (entry: ServiceEntry) => {
    if (entry.database) {
      const dir = join(REPO_ROOT, 'dist', 'services', entry.name, 'src');
      await execFileAsync(process.execPath, [join(dir, 'migrate.js'), '--seed'], { env: processEnv });
    }
    await spawnService(entry);
  };
  const entryOf = (name: string): ServiceEntry => {
    const entry = entries.find((e) => e.name === name);
    if (!entry) throw new Error(`no service ${name} in the stack`);
    return entry;
  };
  const kill = async (name: string) => {
    const child = children.get(name);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    killedByTest.add(child);
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  };
  const restart = async (name: string) => {
    const child = children.get(name);
    if (child && child.exitCode === null && child.signalCode === null) throw new Error(`${name} is still running`);
    await spawnService(entryOf(name));
  };
  try {
    // The services side by side (each owns its schema), then the gateway, which checks them all.
    await Promise.all(entries.filter((e) => e.name !== 'gateway').map(run));
    for (const entry of entries.filter((e) => e.name === 'gateway')) await run(entry);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    gateway: services.gateway,
    services,
    metrics,
    databaseUrl: database.url,
    logs: (name) => output[name] ?? '',
    kill,
    restart,
    unexpectedExits: () => [...unexpected],
    stop,
  };
}
