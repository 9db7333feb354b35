import { connectionEnv, isConfigError, type ConnectionEnv } from '@hoga/config';
import { usageError } from './cli-error.js';

/**
 * The services' own connection variables, read with their codecs (`@hoga/config`):
 * `HOGA_NATS__URL`, `HOGA_NATS__NAMESPACE`, `HOGA_DATABASE__URL` — only the `variables` named
 * (those no flag overrides). A bad value is a usage error (exit 2) naming the variable, before
 * anything is reached.
 */
export function cliConnectionEnv(
  env: NodeJS.ProcessEnv,
  variables: readonly string[],
): ConnectionEnv {
  const read = Object.fromEntries(variables.map((name) => [name, setValue(env, name)]));
  try {
    return connectionEnv(read);
  } catch (error) {
    if (isConfigError(error)) throw usageError(`invalid environment: ${error.message}`);
    throw error;
  }
}

/** A variable's value, or undefined when it is unset or empty. */
export const setValue = (env: NodeJS.ProcessEnv, name: string): string | undefined => {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
};
