export {
  RuntimeFile,
  RUNTIME_FILE,
  findRuntimeFile,
  type FoundRuntimeFile,
} from './runtime-file.js';
export { runCli, type CliEnvironment } from './cli.js';
export { ExitCode } from './cli-error.js';
