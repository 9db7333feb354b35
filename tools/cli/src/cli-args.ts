import { parseArgs } from 'node:util';
import { usageError } from './cli-error.js';

/** The options every command accepts. */
export interface CliOptions {
  readonly nats: string | undefined;
  readonly namespace: string | undefined;
  readonly json: boolean;
  readonly reason: string | undefined;
  readonly as: string | undefined;
  /** `dashboard url`: the session's user (default: the commands' issuer). */
  readonly user: string | undefined;
  /** `dashboard url`: `operator` or `viewer`. */
  readonly role: string | undefined;
  readonly timeoutMs: number;
  readonly help: boolean;
  /** `audit`: the database (else DATABASE_URL, else the runtime file's). */
  readonly database: string | undefined;
  /** `audit`: the schema hoga's tables are in (else the connection's search_path). */
  readonly schema: string | undefined;
  /** `audit`: the time window (ISO-8601 with a zone) and market. */
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly market: string | undefined;
  /** `audit`: cross-check every step with xstate's own `transition`. */
  readonly reference: boolean;
  /** `audit`: the summary table only, no timelines. */
  readonly summary: boolean;
  /** `audit`: also compare every order with the exchange's own record of it. */
  readonly exchange: boolean;
}

/** A parsed command line: the words (`position close pos-1`) and the options. */
export interface CliArgs {
  readonly words: readonly string[];
  readonly options: CliOptions;
}

const DEFAULT_TIMEOUT_S = 5;

/** Parses the command line with `util.parseArgs`; throws a usage error for unknown options. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        nats: { type: 'string' },
        namespace: { type: 'string' },
        json: { type: 'boolean', default: false },
        reason: { type: 'string' },
        as: { type: 'string' },
        user: { type: 'string' },
        role: { type: 'string' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        database: { type: 'string' },
        schema: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        market: { type: 'string' },
        reference: { type: 'boolean', default: false },
        summary: { type: 'boolean', default: false },
        exchange: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const timeout = Number(values.timeout ?? DEFAULT_TIMEOUT_S);
  if (!(timeout > 0))
    throw usageError(`--timeout takes a number of seconds, got ${values.timeout}`);
  return {
    words: positionals,
    options: {
      nats: values.nats,
      namespace: values.namespace,
      json: values.json,
      reason: values.reason,
      as: values.as,
      user: values.user,
      role: values.role,
      timeoutMs: timeout * 1000,
      help: values.help,
      database: values.database,
      schema: values.schema,
      from: values.from,
      to: values.to,
      market: values.market,
      reference: values.reference,
      summary: values.summary,
      exchange: values.exchange,
    },
  };
}
