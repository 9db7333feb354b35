import { Migrator, sql, type Kysely, type Migration } from 'kysely';

/** One package's migrations, kept apart from other packages' in the same schema. */
export interface SchemaMigrations {
  /** Who migrates, for messages: `event store`, `notify`, `order-executor`. */
  readonly label: string;
  /** Kysely's migration table for this package; its lock table is `<table>_lock`. */
  readonly table: string;
  /** The migrations, in order by name. Never edit one that has shipped: add another. */
  readonly migrations: Readonly<Record<string, Migration>>;
  /** The package's own error type for a failure (`cause` carries the database's error). */
  readonly error: (message: string, options?: ErrorOptions) => Error;
}

/** Tries of a run that failed only because another schema went away meanwhile. */
const SCHEMA_GONE_TRIES = 3;

/**
 * Brings a package's tables in the connection's current schema (the first existing one of its
 * `search_path`) up to date. Safe on every start and from several processes at once: applied
 * migrations are skipped, and Kysely's lock row serializes concurrent runs.
 *
 * Kysely looks for its migration tables by listing the tables of *every* schema; a schema that
 * someone else drops meanwhile fails that listing with 3F000 (`schema … does not exist`) — not
 * our migration, so the run is tried again (it happens where many test schemas come and go in
 * one database).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any database type
export async function migrateInCurrentSchema(db: Kysely<any>, of: SchemaMigrations): Promise<void> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(
    db,
  );
  const schema = rows[0]?.schema;
  if (!schema) throw of.error('no current schema: the search_path names no existing schema');
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => of.migrations },
    migrationTableName: of.table,
    migrationLockTableName: `${of.table}_lock`,
    // Without it Kysely would take a migration table in any other schema for ours.
    migrationTableSchema: schema,
  });
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (error === undefined) return;
    if (isOtherSchemaGone(error, schema) && attempt < SCHEMA_GONE_TRIES) continue;
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'setup';
    throw of.error(`${of.label} migration ${failed} failed in schema "${schema}"`, {
      cause: error,
    });
  }
}

/** 3F000 naming a schema other than ours (ours gone is a real failure). */
function isOtherSchemaGone(error: unknown, ours: string): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  if (error.code !== '3F000') return false;
  const message = 'message' in error && typeof error.message === 'string' ? error.message : '';
  return !message.includes(`"${ours}"`);
}
