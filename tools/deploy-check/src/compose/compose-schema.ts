import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { repoRoot } from '../deploy-paths.js';

/** The vendored compose-spec JSON schema (schemas/README.md names its source and licence). */
function composeSchema(): Record<string, unknown> {
  const path = join(repoRoot, 'tools', 'deploy-check', 'schemas', 'compose-spec.json');
  const schema = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  // draft-07, declared with an https URI ajv does not map to its built-in meta-schema
  delete schema['$schema'];
  return schema;
}

const ajv = new Ajv({ strict: false, allErrors: true });
const validate = ajv.compile(composeSchema());

/** The compose-spec errors of a parsed compose file (empty: valid). */
export function composeErrors(doc: unknown): ErrorObject[] {
  return validate(doc) ? [] : [...(validate.errors ?? [])];
}
