import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** tools/supervisor.mjs (npm start's restarter, ADR 0051) with a tiny script as the supervised process. */
const SUPERVISOR = join(__dirname, 'supervisor.mjs');

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const waitFor = async (condition: () => boolean, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('supervisor', () => {
  let dir: string;
  let supervisor: ChildProcess | undefined;
  const starts = () =>
    existsSync(join(dir, 'starts')) ? readFileSync(join(dir, 'starts'), 'utf8').trim().split('\n').map(Number) : [];
  const supervise = (script: string, flags: string[]) => {
    writeFileSync(join(dir, 'child.js'), script);
    supervisor = spawn(
      process.execPath,
      [
        SUPERVISOR,
        '--name',
        'tiny',
        '--log',
        join(dir, 'tiny.log'),
        '--child-pid-file',
        join(dir, 'child.pid'),
        ...flags,
        '--',
        process.execPath,
        join(dir, 'child.js'),
      ],
      { stdio: 'ignore' },
    );
    return supervisor;
  };
  const stopped = (child: ChildProcess) =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null) resolve(child.exitCode);
      else child.once('exit', (code) => resolve(code));
    });
  // Each start appends its time, then the script does what the test needs.
  const recordStart = (dirPath: string) =>
    `require('fs').appendFileSync(${JSON.stringify(join(dirPath, 'starts'))}, Date.now() + '\\n');`;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'supervisor-'));
  });
  afterEach(() => {
    if (supervisor && supervisor.exitCode === null) supervisor.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('restarts a process that exits, with a doubling back-off up to the maximum, and logs each restart', async () => {
    const child = supervise(`${recordStart(dir)} process.exit(3);`, ['--initial-ms', '100', '--max-ms', '400']);
    await waitFor(() => starts().length >= 5);
    const times = starts();
    const gaps = times.slice(1, 5).map((t, i) => t - times[i]);
    // Delays 100, 200, 400, 400 ms (plus the time to start node); never faster than the back-off.
    expect(gaps[0]).toBeGreaterThanOrEqual(100);
    expect(gaps[1]).toBeGreaterThanOrEqual(200);
    expect(gaps[2]).toBeGreaterThanOrEqual(400);
    expect(gaps[3]).toBeGreaterThanOrEqual(400);
    expect(gaps[3]).toBeLessThan(400 + 1500);
    const log = readFileSync(join(dir, 'tiny.log'), 'utf8');
    expect(log).toContain('exited with code 3; restarting in 100 ms (restart 1)');
    expect(log).toContain('exited with code 3; restarting in 200 ms (restart 2)');
    expect(log).toContain('exited with code 3; restarting in 400 ms (restart 3)');
    expect(log).toContain('exited with code 3; restarting in 400 ms (restart 4)');

    child.kill('SIGTERM');
    expect(await stopped(child)).toBe(0);
    const count = starts().length;
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(starts()).toHaveLength(count);
  }, 20_000);

  it('starts the back-off over once the process has stayed up long enough', async () => {
    supervise(`${recordStart(dir)} setTimeout(() => process.exit(1), 250);`, [
      '--initial-ms',
      '100',
      '--max-ms',
      '5000',
      '--reset-after-ms',
      '200',
    ]);
    await waitFor(() => starts().length >= 4);
    const log = readFileSync(join(dir, 'tiny.log'), 'utf8');
    expect(log.match(/restarting in (\d+) ms/g)).toEqual(Array(3).fill('restarting in 100 ms'));
  }, 20_000);

  it('stops the supervised process and itself on SIGTERM, without restarting it', async () => {
    const child = supervise(`${recordStart(dir)} setInterval(() => undefined, 1000);`, []);
    await waitFor(() => existsSync(join(dir, 'child.pid')) && starts().length === 1);
    const pid = Number(readFileSync(join(dir, 'child.pid'), 'utf8'));
    expect(alive(pid)).toBe(true);
    child.kill('SIGTERM');
    expect(await stopped(child)).toBe(0);
    expect(alive(pid)).toBe(false);
    expect(existsSync(join(dir, 'child.pid'))).toBe(false);
    expect(starts()).toHaveLength(1);
    expect(readFileSync(join(dir, 'tiny.log'), 'utf8')).toContain('stopped (SIGTERM)');
  }, 20_000);
});
