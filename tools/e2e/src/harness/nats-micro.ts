import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/** One answer to `$SRV.PING.<name>` (a NATS micro service instance, as `nats micro ls` lists it). */
export interface MicroPingResponse {
  readonly name: string;
  readonly id: string;
  readonly version: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

const CRLF = '\r\n';

/**
 * `nats micro ls <name>` without the CLI: pings `$SRV.PING.<name>` over a raw core-NATS
 * connection and collects every answer that arrives within `windowMs` (the CLI waits the same
 * way). The e2e package has no direct NATS client dependency (the bus hides its connection and
 * has no multi-reply request), hence the few lines of protocol: INFO, CONNECT, SUB, PUB, then
 * MSG / HMSG frames until the window closes.
 */
export async function microPing(
  natsUrl: string,
  name: string,
  windowMs = 750,
): Promise<MicroPingResponse[]> {
  const url = new URL(natsUrl);
  const socket = connect({ host: url.hostname, port: Number(url.port || 4222) });
  const inbox = `_INBOX.e2e.${randomUUID().replace(/-/g, '')}`;
  const responses: MicroPingResponse[] = [];
  let buffer = Buffer.alloc(0);
  let failure: Error | undefined;
  let sentPing = false;

  const send = (s: Socket, text: string) => s.write(text);
  const onFrame = (payload: Buffer) => {
    try {
      const json = JSON.parse(payload.toString('utf8')) as MicroPingResponse;
      if (json.name === name) responses.push(json);
    } catch (error) {
      failure = new Error(`unreadable micro ping answer: ${String(error)}`);
    }
  };
  /** Consumes whole frames from the buffer; leaves an incomplete one for the next chunk. */
  const parse = () => {
    for (;;) {
      const eol = buffer.indexOf(CRLF);
      if (eol < 0) return;
      const line = buffer.subarray(0, eol).toString('utf8');
      const [op, ...args] = line.split(' ');
      if (op === 'MSG' || op === 'HMSG') {
        // MSG <subject> <sid> [reply] <bytes> | HMSG <subject> <sid> [reply] <hdr bytes> <bytes>
        const total = Number(args.at(-1));
        const headerBytes = op === 'HMSG' ? Number(args.at(-2)) : 0;
        const end = eol + 2 + total + 2;
        if (buffer.length < end) return;
        onFrame(buffer.subarray(eol + 2 + headerBytes, eol + 2 + total));
        buffer = buffer.subarray(end);
        continue;
      }
      buffer = buffer.subarray(eol + 2);
      if (op === 'INFO' && !sentPing) {
        sentPing = true;
        send(
          socket,
          `CONNECT ${JSON.stringify({ verbose: false, pedantic: false, protocol: 1, headers: true, lang: 'e2e', version: '0' })}${CRLF}` +
            `SUB ${inbox} 1${CRLF}` +
            `PUB $SRV.PING.${name} ${inbox} 0${CRLF}${CRLF}`,
        );
      } else if (op === 'PING') send(socket, `PONG${CRLF}`);
      else if (op === '-ERR') failure = new Error(`nats: ${line}`);
    }
  };

  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    parse();
  });
  socket.on('error', (error) => (failure = error));
  await new Promise((r) => setTimeout(r, windowMs));
  socket.destroy();
  if (failure !== undefined) throw failure;
  if (!sentPing) throw new Error(`no INFO from ${natsUrl} within ${String(windowMs)} ms`);
  return responses;
}
