/** Where the bus reports what it dropped or could not do (dead letters, handler errors, reconnects). */
export interface BusLogger {
  warn(message: string, fields: Readonly<Record<string, unknown>>): void;
}

/** The default logger: one JSON line per event on stderr. */
export const consoleJsonLogger: BusLogger = {
  warn(message, fields) {
    console.warn(
      JSON.stringify({
        time: new Date().toISOString(),
        level: 'warn',
        component: 'bus',
        msg: message,
        ...fields,
      }),
    );
  },
};
