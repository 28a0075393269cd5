import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';

/** The services that are subgraphs, in composition order. A service joins by checking in its schema.graphql. */
export const SUBGRAPHS = ['referrals', 'placements', 'progression', 'reporting'] as const;

export const SUPERGRAPH_FILE = join(__dirname, '..', 'supergraph.graphql');

/** Where a subgraph is found in the checked-in supergraph; the real address is set at start-up. */
const placeholderUrl = (name: string): string => `http://${name}/graphql`;

/**
 * Composes the supergraph from the subgraph SDLs checked in beside each service (statically, at build time: the
 * gateway never introspects a running service). Throws with every composition error.
 */
export function composeSupergraph(repoRoot: string): string {
  const services = SUBGRAPHS.flatMap((name) => {
    let sdl: string;
    try {
      sdl = readFileSync(join(repoRoot, 'services', name, 'schema.graphql'), 'utf8');
    } catch {
      return [];
    }
    return [{ name, url: placeholderUrl(name), typeDefs: parse(sdl) }];
  });
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`Supergraph composition failed:\n${result.errors.map((e) => `  ${e.message}`).join('\n')}`);
  }
  return `${result.supergraphSdl.trim()}\n`;
}

/** The checked-in supergraph with each subgraph's real address. */
export function supergraphFor(urls: Record<string, string>, file = SUPERGRAPH_FILE): string {
  return readFileSync(file, 'utf8').replace(
    /(@join__graph\(name: "([\w-]+)", url: ")[^"]*(")/g,
    (_match, head: string, name: string, tail: string) => {
      const base = urls[name];
      if (!base) throw new Error(`No address configured for subgraph ${name}`);
      return `${head}${base.replace(/\/$/, '')}/graphql${tail}`;
    },
  );
}

/** The subgraph names in a supergraph. */
export const subgraphsIn = (supergraph: string): string[] =>
  [...supergraph.matchAll(/@join__graph\(name: "([\w-]+)"/g)].map((match) => match[1]);
