/**
 * `@hoga/deploy-check`: the tests that prove `deploy/` works with the real tools (nats-server,
 * promtool, the compose and Kubernetes schemas). The package exports the paths of `deploy/`.
 */
export { deployPath, repoRoot } from './deploy-paths.js';
