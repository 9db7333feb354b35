import { hostname, userInfo } from 'node:os';

const osUser = (): string => {
  try {
    return userInfo().username;
  } catch {
    return process.env['USER'] ?? 'unknown';
  }
};

/**
 * Who issues a command, as recorded in the events: `cli:<os user>@<hostname>`, or `cli:<name>`
 * with `--as NAME`.
 */
export const issuedBy = (as: string | undefined): string =>
  `cli:${as ?? `${osUser()}@${hostname()}`}`.slice(0, 128);
