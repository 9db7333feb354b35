import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiReply } from '../http/api.js';
import { readJsonBody, sendReply } from '../http/http-io.js';
import { QueryParams } from '../http/query-params.js';
import { Router } from '../http/router.js';
import { isAdminError } from './admin-error.js';
import { ADMIN_ROUTES, type AdminRoute } from './admin-route-table.js';
import type { EmulatorAdmin } from './emulator-admin.js';

export { ADMIN_ROUTES } from './admin-route-table.js';

/** Serves `/__admin/*` (JSON in, JSON out; 400/404 as `{"error":"..."}`). */
export function adminHandler(
  admin: EmulatorAdmin,
  /** With a durable state: waits until the changes made so far are journaled. */
  journaled: () => Promise<void> | undefined = () => undefined,
) {
  const router = new Router(ADMIN_ROUTES);
  return async (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    rawQuery: string,
  ): Promise<void> => {
    const reply = await run(admin, router, req, path, rawQuery);
    await journaled();
    sendReply(res, reply);
  };
}

async function run(
  admin: EmulatorAdmin,
  router: Router<AdminRoute>,
  req: IncomingMessage,
  path: string,
  rawQuery: string,
): Promise<ApiReply> {
  if (path === '/__admin' || path === '/__admin/')
    return {
      status: 200,
      body: ADMIN_ROUTES.map((r) => ({ method: r.method, path: r.path, doc: r.doc })),
    };
  const match = router.match(req.method ?? 'GET', path);
  const parsed = await readJsonBody(req);
  if (typeof match !== 'object')
    return {
      status: match ? 405 : 404,
      body: { error: `no admin endpoint ${req.method} ${path}` },
    };
  if (parsed.kind === 'error')
    return { status: 400, body: { error: 'the body must be a JSON object' } };
  try {
    const result = match.route.run(admin, {
      body: parsed.body,
      params: match.params,
      query: QueryParams.parse(rawQuery) ?? QueryParams.parse('')!,
    });
    return { status: 200, body: result };
  } catch (e) {
    if (isAdminError(e)) return { status: e.status, body: { error: e.message } };
    throw e;
  }
}
