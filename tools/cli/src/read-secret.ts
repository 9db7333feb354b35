import { CliError, ExitCode, usageError } from './cli-error.js';

/** The most a secret read from stdin may take (a password line, not a file). */
export const MAX_SECRET_BYTES = 8 * 1024;

type Input = NodeJS.ReadStream;
type Output = NodeJS.WriteStream;

/** All of a piped stdin (at most {@link MAX_SECRET_BYTES}), without one trailing line end. */
async function readPiped(input: Input): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    if (size > MAX_SECRET_BYTES)
      throw usageError(`stdin holds more than ${String(MAX_SECRET_BYTES)} bytes: not a password`);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** One line typed on the terminal, not echoed; Ctrl-C or Ctrl-D cancels. */
function readHiddenLine(input: Input, output: Output, prompt: string): Promise<string> {
  output.write(prompt);
  input.setRawMode(true);
  input.resume();
  return new Promise((resolve, reject) => {
    let line = '';
    const finish = (error?: CliError): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(line);
    };
    const onData = (chunk: Buffer): void => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003' || char === '\u0004')
          return finish(new CliError(ExitCode.usage, 'cancelled'));
        if (char === '\u007f' || char === '\b') line = [...line].slice(0, -1).join('');
        else line += char;
      }
    };
    input.on('data', onData);
  });
}

/**
 * Reads a secret: typed twice on a terminal without echo (`prompt` on stderr), or the whole of a
 * piped stdin (`echo -n pw | hoga …`, `hoga … < file`).
 */
export async function readSecret(input: Input, output: Output, prompt: string): Promise<string> {
  if (!input.isTTY) return readPiped(input);
  const first = await readHiddenLine(input, output, `${prompt}: `);
  const again = await readHiddenLine(input, output, `${prompt} again: `);
  if (first !== again) throw usageError('the two entries differ');
  return first;
}
