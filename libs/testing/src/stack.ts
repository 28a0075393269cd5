import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createTestDatabase } from './database';
import { loadDevEnv, REPO_ROOT } from './env';
import { ensureBroker } from './kafka';

interface ServiceEntry {
  name: string;
  portVar: string;
  database: boolean;
}

export interface Stack {
  /** Base URL of the gateway, e.g. http://127.0.0.1:41234. */
  gateway: string;
  /** Base URL of each service, by name. */
  services: Record<string, string>;
  /** Everything a process of the stack has printed, for failure messages. */
  logs(name: string): string;
  stop(): Promise<void>;
}

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
 * The whole platform as `npm start` runs it — every service of tools/services.json as its own process from the
 * build output, then the gateway — on a fresh database and the repo's real Kafka broker, on free ports.
 * Needs `npm run build` first (npm test builds).
 */
export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  loadDevEnv();
  await ensureBroker();
  const entries = JSON.parse(readFileSync(join(REPO_ROOT, 'tools', 'services.json'), 'utf8')) as ServiceEntry[];
  for (const entry of entries) {
    const main = join(REPO_ROOT, 'dist', 'services', entry.name, 'src', 'main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
  }
  const database = await createTestDatabase('e2e');
  const ports = Object.fromEntries(await Promise.all(entries.map(async (e) => [e.name, await freePort()] as const)));
  const services = Object.fromEntries(entries.map((e) => [e.name, `http://127.0.0.1:${ports[e.name]}`]));
  const processEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    LOG_LEVEL: 'warn',
    ...Object.fromEntries(entries.map((e) => [e.portVar, String(ports[e.name])])),
    ...Object.fromEntries(entries.map((e) => [`${e.name.toUpperCase()}_URL`, services[e.name]])),
    ...env,
  };
  const children: ChildProcess[] = [];
  const output: Record<string, string> = {};
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 5000).unref();
          }),
      ),
    );
    await database.drop();
  };
  try {
    for (const entry of entries) {
      const dir = join(REPO_ROOT, 'dist', 'services', entry.name, 'src');
      if (entry.database) {
        execFileSync(process.execPath, [join(dir, 'migrate.js'), '--seed'], { env: processEnv, stdio: 'pipe' });
      }
      output[entry.name] = '';
      const child = spawn(process.execPath, ['--enable-source-maps', join(dir, 'main.js')], {
        env: processEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const keep = (chunk: Buffer) => (output[entry.name] = (output[entry.name] + chunk.toString()).slice(-20_000));
      child.stdout?.on('data', keep);
      child.stderr?.on('data', keep);
      children.push(child);
      await waitHealthy(services[entry.name], entry.name, () => output[entry.name], child);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { gateway: services.gateway, services, logs: (name) => output[name] ?? '', stop };
}
