#!/usr/bin/env node
// `npm run bench -- <name...>` runs test/bench/<name>.bench.ts (all of them without a name).
// Each bench exports `run(args)` and prints its figures beside a baseline measured in the same run.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'bench');
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''));
const args = process.argv.slice(2);
const names = args.filter((a) => !a.startsWith('-'));
const chosen = names.length > 0 ? names : all;
for (const name of chosen) {
  if (!all.includes(name)) {
    console.error(`unknown bench '${name}'; available: ${all.join(', ')}`);
    process.exit(2);
  }
  console.log(`\n## bench: ${name}`);
  const mod = await import(join(dir, `${name}.bench.ts`));
  await mod.run(args.filter((a) => a.startsWith('-')));
}
