import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is `tools/deploy-check/{src,dist}/deploy-paths.*`). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** A path under `deploy/`. */
export const deployPath = (...parts: string[]): string => join(repoRoot, 'deploy', ...parts);
