import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Service } from 'kubernetes-models/v1/Service';

type Model = new (data: never) => { validate(): void };

/** The kinds hoga's manifests use, by `apiVersion/kind`, with Kubernetes' own schema. */
const MODELS: Readonly<Record<string, Model>> = {
  'apps/v1/Deployment': Deployment,
  'v1/Service': Service,
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

/**
 * Checks one object against the Kubernetes OpenAPI schema of its kind (kubernetes-models'
 * compiled validators); returns the error, or null when valid. An unknown kind is an error.
 */
export function kubernetesError(object: unknown): string | null {
  const o = object as { apiVersion?: unknown; kind?: unknown };
  const key = `${String(o.apiVersion)}/${String(o.kind)}`;
  const model = MODELS[key];
  if (model === undefined) return `no schema for ${key}: add its kubernetes-models class`;
  try {
    new model(object as never).validate();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
