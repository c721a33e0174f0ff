/**
 * Builds the studio web app (studio/web/dist) when it is missing, so `npm start` works from a clean
 * checkout without a separate build step. Same build as `npm run build:studio`. Vite is a
 * development dependency: without it (a production-only install) the server still starts and shows
 * its "not built" page.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export const STUDIO_DIST = join(here, 'dist');
export const STUDIO_VITE_CONFIG = join(here, 'vite.config.ts');

export type StudioBuildOutcome = 'present' | 'built' | 'unavailable';

export interface EnsureStudioOptions {
  /** Build even when dist/index.html exists. */
  force?: boolean;
  /** Where progress lines go (default: stderr). */
  log?: (line: string) => void;
  outDir?: string;
}

export async function ensureStudioBuilt(options: EnsureStudioOptions = {}): Promise<StudioBuildOutcome> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const outDir = options.outDir ?? STUDIO_DIST;
  if (!options.force && existsSync(join(outDir, 'index.html'))) return 'present';
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    log('  studio: vite is not installed (npm ci installs it); the web app is not built');
    return 'unavailable';
  }
  const started = performance.now();
  log('  building the studio web app (first start only, ~10 s)…');
  // emptyOutDir: vite only empties a folder inside the project by itself; a test builds elsewhere.
  await vite.build({
    configFile: STUDIO_VITE_CONFIG,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  log(`  studio built in ${((performance.now() - started) / 1000).toFixed(1)} s → ${outDir}`);
  return 'built';
}
