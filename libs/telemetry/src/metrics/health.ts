/** One thing a process needs to do its work: a connection, a running consumer. */
export type ReadinessCheck = () => boolean | Promise<boolean>;

/** The answer of `/health/ready`: every check by name, ready when all are up. */
export interface Readiness {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, boolean>>;
}

const CHECK_TIMEOUT_MS = 2000;

/**
 * What `/health/ready` asks. Each service registers its dependencies (`nats`, `postgres`,
 * `consumers`...); the process is ready once something is registered and all answer true. A
 * check that throws or takes over 2 s counts as down.
 */
export class HealthChecks {
  private readonly checks = new Map<string, ReadinessCheck>();

  /** Adds (or replaces) a named check; returns a function that removes it. */
  register(name: string, check: ReadinessCheck): () => void {
    this.checks.set(name, check);
    return () => {
      if (this.checks.get(name) === check) this.checks.delete(name);
    };
  }

  async readiness(): Promise<Readiness> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => [name, await settle(check)] as const),
    );
    const checks = Object.fromEntries(entries);
    return { ready: entries.length > 0 && entries.every(([, up]) => up), checks };
  }
}

async function settle(check: ReadinessCheck): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
    timer.unref();
  });
  try {
    return await Promise.race([Promise.resolve().then(check), late]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
