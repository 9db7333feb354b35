/**
 * `npm run bench -- <name> [...]`: runs `bench/src/<name>.bench.ts` (compiled), which prints a
 * table and writes `bench/results/<name>.json`. Without a name, lists the benchmarks.
 * PostgreSQL and NATS are found the way `npm test` finds them (`locateTestServices`).
 */
import { locateTestServices } from '@hoga/testkit';
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
const unknown = names.find((name) => !available.includes(name));
if (unknown !== undefined) {
  console.error(`unknown benchmark "${unknown}"; available: ${available.join(', ')}`);
  process.exit(2);
}
await provideServices();
for (const name of names) {
  const mod = (await import(`./${name}.bench.js`)) as { run: (args: string[]) => Promise<void> };
  await mod.run(process.argv.slice(2));
}

/**
 * Sets `DATABASE_URL` and `NATS_URL` for the benchmarks (they read them, or ask the test kit)
 * from the test infrastructure's discovery: the environment, else testcontainers, else the
 * loopback services, started by `scripts/test-services.sh` when down. Nothing found is not
 * fatal here: a benchmark that needs neither runs, one that needs them stops with why.
 */
async function provideServices(): Promise<void> {
  try {
    const services = await locateTestServices(process.env, { bringUp: true });
    process.env['DATABASE_URL'] = services.databaseUrl;
    process.env['NATS_URL'] = services.natsUrl;
    console.log(`[bench] PostgreSQL and NATS: ${services.source} (${services.natsUrl})`);
  } catch (error) {
    console.warn(`[bench] ${error instanceof Error ? error.message : String(error)}`);
  }
}
