import { existsSync } from 'node:fs';
import { deployPath } from '../deploy-paths.js';
import { field, readYaml, readYamlDocuments } from '../yaml-files.js';

export const K8S = (...parts: string[]): string => deployPath('k8s', ...parts);

/** The kustomization and the objects of its resources, each with the file it came from. */
export function loadKustomization(): {
  kustomization: unknown;
  missing: string[];
  objects: { file: string; object: Record<string, unknown> }[];
} {
  const kustomization = readYaml(K8S('kustomization.yaml'));
  const resources = field(kustomization, 'resources');
  const files = Array.isArray(resources) ? resources.map(String) : [];
  const missing = files.filter((f) => !existsSync(K8S(f)));
  const objects = files
    .filter((f) => existsSync(K8S(f)))
    .flatMap((file) =>
      readYamlDocuments(K8S(file)).map((object) => ({
        file,
        object: object as Record<string, unknown>,
      })),
    );
  return { kustomization, missing, objects };
}

/** `key=value` literals of the kustomization's ConfigMap generator named `name`. */
export function generatedConfigMap(kustomization: unknown, name: string): Map<string, string> {
  const generators = field(kustomization, 'configMapGenerator');
  const gen = (Array.isArray(generators) ? generators : []).find(
    (g) => (g as { name?: unknown }).name === name,
  ) as { literals?: unknown } | undefined;
  const literals = Array.isArray(gen?.literals) ? gen.literals.map(String) : [];
  return new Map(
    literals.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const),
  );
}
