import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** `ws://host:port` for `http://host:port`, `wss://…` for `https://…`: the live socket's origin. */
export const webSocketOriginOf = (origin: string): string => origin.replace(/^http/, 'ws');

/**
 * Security headers on every reply (@fastify/helmet): a CSP without inline scripts or styles
 * (`default-src 'self'`, `connect-src 'self'` plus the live socket's origin, `frame-ancestors
 * 'none'`, `object-src 'none'`), `Referrer-Policy: no-referrer`, `X-Content-Type-Options:
 * nosniff`, `X-Frame-Options: DENY`, and HSTS only when the dashboard is served over https.
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
        styleSrc: ["'self'"],
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
