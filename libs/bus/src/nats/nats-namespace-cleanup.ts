import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Namespace } from '../namespace.js';

/**
 * Deletes every stream and bucket of a namespace (for tests and benchmarks that made their own):
 * streams named `<NAMESPACE>_*` and buckets `<namespace>_*`. Resolves to the deleted stream names.
 */
export async function removeNatsNamespace(options: {
  readonly servers: string | readonly string[];
  readonly namespace: string;
}): Promise<string[]> {
  if (options.namespace === '')
    throw new Error('refusing to remove the empty namespace (everything)');
  const ns = new Namespace(options.namespace);
  const streamPrefix = ns.streamName('x').slice(0, -1);
  const bucketPrefix = `KV_${ns.bucketName('x').slice(0, -1)}`;
  const nc = await connect({
    servers: typeof options.servers === 'string' ? options.servers : [...options.servers],
  });
  try {
    const jsm = await jetstreamManager(nc);
    const doomed: string[] = [];
    for await (const name of jsm.streams.names())
      if (name.startsWith(streamPrefix) || name.startsWith(bucketPrefix)) doomed.push(name);
    for (const name of doomed) await jsm.streams.delete(name);
    return doomed;
  } finally {
    await nc.close();
  }
}
