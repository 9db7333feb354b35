/**
 * `npm run bench -- <name> [...]`: runs `bench/src/<name>.bench.ts` (compiled), which prints a
 * table and writes `bench/results/<name>.json`. Without a name, lists the benchmarks.
 */
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.bench.js'))
  .map((f) => f.replace(/\.bench\.js$/, ''));
const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));

if (names.length === 0) {
  console.log(`usage: npm run bench -- <${available.join('|')}> [more names]`);
  process.exit(0);
}
for (const name of names) {
  if (!available.includes(name)) {
    console.error(`unknown benchmark "${name}"; available: ${available.join(', ')}`);
    process.exit(2);
  }
  const mod = (await import(`./${name}.bench.js`)) as { run: (args: string[]) => Promise<void> };
  await mod.run(process.argv.slice(2));
}
