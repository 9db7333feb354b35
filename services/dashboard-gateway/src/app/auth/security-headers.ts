import { createHash } from 'node:crypto';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** `ws://host:port` for `http://host:port`, `wss://…` for `https://…`: the live socket's origin. */
export const webSocketOriginOf = (origin: string): string => origin.replace(/^http/, 'ws');

/**
 * The one inline style the page needs: the `<style>` lightweight-charts 5.3 adds for TradingView's
 * attribution logo (its licence requires the logo; blocked, the logo loses its place and colours).
 * Allowed by its hash alone — a new text (another library version) is refused again, and the
 * control tower's browser test, which fails on any console error, says so.
 */
export const TRADINGVIEW_LOGO_STYLE =
  'a#tv-attr-logo{--fill:#131722;--stroke:#fff;position:absolute;left:10px;bottom:10px;height:19px;width:35px;margin:0;padding:0;border:0;z-index:3;}a#tv-attr-logo[data-dark]{--fill:#D1D4DC;--stroke:#131722;}';
const styleHash = (css: string): string =>
  `'sha256-${createHash('sha256').update(css).digest('base64')}'`;

/**
 * Security headers on every reply (@fastify/helmet): a CSP without inline scripts or styles
 * (but the chart's logo style above, by its hash; `default-src 'self'`, `connect-src 'self'`
 * plus the live socket's origin, `frame-ancestors 'none'`, `object-src 'none'`),
 * `Referrer-Policy: no-referrer`, `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`,
 * and HSTS only when the dashboard is served over https.
 */
export async function installSecurityHeaders(
  app: FastifyInstance,
  origin: () => string,
): Promise<void> {
  // the scheme is configured (publicOrigin) and known before listening; only the port may change
  const https = origin().startsWith('https:');
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", styleHash(TRADINGVIEW_LOGO_STYLE)],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'", () => webSocketOriginOf(origin())],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    // on plain http (loopback, SSH tunnel) browsers ignore HSTS: sent only behind https
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
}
