import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The checkout, whether this runs from the sources (jest) or from dist/ (tools/soak). */
const up = join(__dirname, '..', '..', '..');
export const REPO_ROOT = basename(up) === 'dist' ? dirname(up) : up;

/** Fills process.env from .env.example where a variable is not set, as `npm start` does. */
export function loadDevEnv(): NodeJS.ProcessEnv {
  for (const line of readFileSync(join(REPO_ROOT, '.env.example'), 'utf8').split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match && process.env[match[1]] === undefined) process.env[match[1]] = match[2];
  }
  return process.env;
}
