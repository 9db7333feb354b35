/** The value of `--name=value` among a bench's arguments, or undefined. */
export const textArg = (args: readonly string[], name: string): string | undefined =>
  args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

/** `--name=N` as a positive finite number; the fallback when absent or not one. */
export const positiveArg = (args: readonly string[], name: string, fallback: number): number => {
  const raw = textArg(args, name);
  const n = Number(raw);
  return raw !== undefined && Number.isFinite(n) && n > 0 ? n : fallback;
};
