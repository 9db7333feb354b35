import * as E from 'fp-ts/lib/Either.js';
import { decodeStrategySpec, encodeStrategySpec, parseStrategyFile } from '@hoga/position';
import { capText } from '@hoga/model';
import { ApiError, type FieldIssue } from '../../adapters/http/api-error.js';

/** Spec issues named in a refusal (the same cap as any decoded request). */
const MAX_ISSUES = 20;

/**
 * The strategy of `POST /api/strategies`, parsed and decoded exactly as `hoga strategy run`
 * does: text is JSON when it starts with `{`, else YAML (1.2 core schema, duplicate keys refused);
 * an object is decoded as it is. Returns the spec encoded as plain JSON for the `run` request, or
 * throws a `bad-request` naming each field (`body.spec.exit.stopLossPct`) and why.
 */
export function strategyOf(
  spec: string | Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const decoded =
    typeof spec === 'string' ? parseStrategyFile(spec, 'auto') : decodeStrategySpec(spec);
  if (E.isRight(decoded)) return encodeStrategySpec(decoded.right);
  const fields: FieldIssue[] = decoded.left.issues.slice(0, MAX_ISSUES).map((issue) => ({
    field: issue.path === '' ? 'body.spec' : `body.spec.${issue.path}`,
    expected: capText(issue.reason, 300),
  }));
  throw new ApiError('bad-request', capText(decoded.left.message, 1000), fields);
}
