/**
 * Preloaded into the market-feed process of the frame-to-order bench's distributed mode
 * (`node --import <this file> services/market-feed/dist/main.js`): installs the frame probe for
 * `HOGA_BENCH_FRAME_PROBE_URL` and writes the frames it saw to stderr every 20 ms (one
 * `f2o-frame <atMs> <market> <price>` line each), so the write is off the frame's own path.
 */
import { FRAME_LINE, installFrameProbe } from './frame-probe.js';

const url = process.env['HOGA_BENCH_FRAME_PROBE_URL'];
if (url !== undefined && url !== '') {
  const probe = installFrameProbe(url);
  setInterval(() => {
    const frames = probe.take();
    if (frames.length > 0)
      process.stderr.write(
        frames.map((f) => `${FRAME_LINE} ${f.atMs} ${f.market} ${f.price}\n`).join(''),
      );
  }, 20).unref();
}
