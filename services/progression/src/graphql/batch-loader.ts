/**
 * Collects the keys asked for in one tick and loads them with one call, so that `_entities` for 100 referrals is
 * one query rather than 100. Per request (kept in the GraphQL context), so nothing is shared between callers.
 */
export class BatchLoader<V> {
  private pending?: { keys: Set<string>; result: Promise<Map<string, V>> };

  constructor(private readonly loadMany: (keys: string[]) => Promise<Map<string, V>>) {}

  async load(key: string): Promise<V | undefined> {
    if (!this.pending) {
      const keys = new Set<string>();
      const result = new Promise<Map<string, V>>((resolve, reject) =>
        setImmediate(() => {
          this.pending = undefined;
          this.loadMany([...keys]).then(resolve, reject);
        }),
      );
      this.pending = { keys, result };
    }
    this.pending.keys.add(key);
    return (await this.pending.result).get(key);
  }
}

export function loaderIn<V>(
  context: { loaders?: Map<string, unknown> },
  name: string,
  loadMany: (keys: string[]) => Promise<Map<string, V>>,
): BatchLoader<V> {
  context.loaders ??= new Map();
  let loader = context.loaders.get(name) as BatchLoader<V> | undefined;
  if (!loader) {
    loader = new BatchLoader(loadMany);
    context.loaders.set(name, loader);
  }
  return loader;
}
