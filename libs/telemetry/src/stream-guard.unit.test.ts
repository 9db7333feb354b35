import { deepEqual, equal } from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import { guardOutput } from './stream-guard.js';

/** A stream whose reader is gone: every write fails with `code`, as a broken pipe does. */
const broken = (code: string) =>
  new Writable({
    write(_chunk, _encoding, done) {
      done(Object.assign(new Error(`write ${code}`), { code }));
    },
  });

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('telemetry: guarded output', () => {
  it('takes the EPIPE a broken pipe emits, turns itself off and reports it once', async () => {
    const reasons: string[] = [];
    const out = guardOutput(broken('EPIPE'));
    out.onGone((r) => reasons.push(r));
    out.write('first\n');
    await tick();
    equal(out.gone, 'EPIPE');
    out.write('second\n');
    out.write('third\n');
    await tick();
    out.onGone((r) => reasons.push(`late ${r}`));
    deepEqual(reasons, ['EPIPE', 'late EPIPE']);
  });

  it('writes while the stream works; disable() turns it off with a reason', () => {
    const chunks: string[] = [];
    const out = guardOutput(
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          chunks.push(chunk.toString());
          done();
        },
      }),
    );
    out.write('a');
    out.disable('SIGHUP');
    out.write('b');
    deepEqual(chunks, ['a']);
    equal(out.gone, 'SIGHUP');
  });

  it('a process writing to a pipe whose reader exited keeps running', async () => {
    const script = `
      import('${new URL('./stream-guard.js', import.meta.url).href}').then(({ guardedStdout }) => {
        const out = guardedStdout();
        let n = 0;
        const timer = setInterval(() => {
          out.write('line ' + n++ + '\\n');
          if (out.gone) { clearInterval(timer); process.stderr.write('gone ' + out.gone + '\\n'); }
        }, 5);
      });`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    await new Promise((resolve) => child.stdout.once('data', resolve));
    child.stdout.destroy(); // the reader is gone
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    equal(code, 0, err);
    equal(err.trim(), 'gone EPIPE');
  });
});
