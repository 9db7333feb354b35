import type { Command } from './command.js';

/** The usage text of `hoga`. */
export function usageText(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.synopsis.length));
  return [
    'usage: hoga COMMAND [options]',
    '',
    'commands:',
    ...commands.map((c) => `  hoga ${c.synopsis.padEnd(width)}  ${c.summary}`),
    '',
    'options:',
    '  --nats URL         the engine NATS (else HOGA_NATS__URL, NATS_URL, .hoga/runtime.json)',
    '  --namespace NS     the bus namespace of the engine (else HOGA_NATS__NAMESPACE,',
    "                     the runtime file's, none)",
    '  --as NAME          issue commands as cli:NAME (default cli:<os user>@<host>)',
    '  --reason TEXT      why (recorded with the command)',
    '  --user NAME        dashboard url: who the session is for (default: the issuer above)',
    '  --role ROLE        dashboard url: operator (default) or viewer (read only)',
    '  --json             print the reply as JSON',
    '  --timeout SECONDS  how long to wait for a reply (default 5)',
    "  --database URL     audit: hoga's PostgreSQL (else HOGA_DATABASE__URL, DATABASE_URL,",
    '                     .hoga/runtime.json)',
    "  --schema NAME      audit: the schema of hoga's tables (else the connection's search_path)",
    '  --from T, --to T   audit: the time window (ISO-8601 with a zone; from inclusive, to exclusive)',
    '  --market M         audit: only positions on this market (with --from/--to)',
    "  --reference        audit: also fold every event through xstate's own transition",
    '  --summary          audit: the summary table only, no timelines',
    '',
    'exit codes: 0 ok, 1 command failed, 2 usage error, 3 engine or service unreachable',
    'audit exit codes: 0 clean, 1 a discrepancy was found, 2 could not audit (with the reason)',
  ].join('\n');
}
