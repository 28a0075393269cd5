import { heapCapMi, readText, services } from './platform';

/**
 * The memory settings of tools/services.json (ADR 0074), which npm start, the test stack, compose and Kubernetes
 * all apply: a heap cap per service that leaves room below the container limit for what is not V8 heap.
 */
const SERVICES = services();

/**
 * The V8 heap (old space cap + young generation) may take at most this share of the container limit. The rest is
 * for what the soak measured outside the heap: code and native memory of Node, Buffers of bodies in flight, glibc
 * malloc arenas (ADR 0074 has the figures).
 */
const HEAP_SHARE = 0.6;

describe('memory settings (tools/services.json)', () => {
  test.each(SERVICES)('$name caps its heap well below its container limit', ({ memory }) => {
    expect(memory.env.NODE_OPTIONS).toMatch(/--max-old-space-size=\d+/);
    expect(memory.env.NODE_OPTIONS).toMatch(/--max-semi-space-size=\d+/);
    expect(heapCapMi(memory)).toBeGreaterThan(0);
    expect(heapCapMi(memory)).toBeLessThanOrEqual(HEAP_SHARE * memory.containerMi);
    expect(Number(memory.env.MALLOC_ARENA_MAX)).toBeGreaterThanOrEqual(1);
  });

  test('npm start gives every service its settings', () => {
    expect(readText('tools/run.mjs')).toContain('env: { ...process.env, ...service.memory.env }');
  });
});
