import { spawnSync } from 'node:child_process';

/** A tool the deploy checks run; missing, a check fails and says how to install it. */
export class MissingToolError extends Error {
  override readonly name = 'MissingToolError';
  constructor(tool: string, install: string) {
    super(`${tool} is not installed: ${install}`);
  }
}

const INSTALL: Record<string, string> = {
  'nats-server': 'apt-get install nats-server (Debian), or set NATS_SERVER_BIN',
  promtool: 'apt-get install prometheus (Debian; it brings promtool)',
};

/** The path of `tool` on PATH (or its override variable); throws a {@link MissingToolError}. */
export function requireTool(tool: 'nats-server' | 'promtool'): string {
  const override = tool === 'nats-server' ? process.env['NATS_SERVER_BIN'] : undefined;
  if (override !== undefined && override !== '') return override;
  const found = spawnSync('sh', ['-c', `command -v ${tool} || ls /usr/sbin/${tool} 2>/dev/null`], {
    encoding: 'utf8',
  });
  const path = found.stdout.trim().split('\n')[0];
  if (found.status !== 0 || path === undefined || path === '')
    throw new MissingToolError(tool, INSTALL[tool] ?? `install ${tool}`);
  return path;
}

/** Runs a tool and returns its exit status and combined output. */
export function runTool(
  path: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): { status: number | null; output: string } {
  const r = spawnSync(path, args, { encoding: 'utf8', env });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}
