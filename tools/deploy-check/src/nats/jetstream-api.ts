import type { StreamSpec } from '@hoga/contracts';
import type { JetStreamGrants } from './service-permissions.js';

/** The stream behind a key-value bucket (JetStream's naming). */
export const kvStream = (bucket: string): string => `KV_${bucket}`;

const declare = (s: string) => [
  `$JS.API.STREAM.CREATE.${s}`,
  `$JS.API.STREAM.UPDATE.${s}`,
  `$JS.API.STREAM.INFO.${s}`,
];
const consume = (s: string) => [
  `$JS.API.CONSUMER.CREATE.${s}`,
  `$JS.API.CONSUMER.CREATE.${s}.>`,
  `$JS.API.CONSUMER.DURABLE.CREATE.${s}.>`,
  `$JS.API.CONSUMER.INFO.${s}.>`,
  `$JS.API.CONSUMER.MSG.NEXT.${s}.>`,
  `$JS.ACK.${s}.>`,
];
const retire = (s: string) => [`$JS.API.CONSUMER.DELETE.${s}.>`];
const read = (s: string) => [
  `$JS.API.STREAM.INFO.${s}`,
  `$JS.API.STREAM.MSG.GET.${s}`,
  `$JS.API.DIRECT.GET.${s}`,
  `$JS.API.DIRECT.GET.${s}.>`,
];
/** Opening a bucket creates it when absent; a watch is an ordered (ephemeral) consumer. */
const openBucket = (b: string) => [
  ...declare(kvStream(b)),
  ...read(kvStream(b)),
  `$JS.API.CONSUMER.CREATE.${kvStream(b)}`,
  `$JS.API.CONSUMER.CREATE.${kvStream(b)}.>`,
  `$JS.API.CONSUMER.DELETE.${kvStream(b)}.>`,
  `$JS.API.CONSUMER.INFO.${kvStream(b)}.>`,
  `$JS.FC.${kvStream(b)}.>`,
];

const names = (specs: readonly StreamSpec[]) => specs.map((s) => s.name);

/**
 * The JetStream API subjects (and `$KV` puts) a user publishes on for its grants: per stream and
 * per bucket, never `$JS.API.>` as a whole, so no service can delete or purge a stream, or
 * create one hoga does not declare.
 */
export function jetStreamPublish(g: JetStreamGrants): string[] {
  const used =
    g.declares.length +
    g.consumes.length +
    g.retiresConsumers.length +
    g.reads.length +
    g.buckets.length +
    g.writesBuckets.length;
  if (used === 0) return [];
  return [
    ...new Set([
      '$JS.API.INFO',
      ...names(g.declares).flatMap(declare),
      ...names(g.consumes).flatMap(consume),
      ...names(g.retiresConsumers).flatMap(retire),
      ...names(g.reads).flatMap(read),
      ...g.buckets.flatMap(openBucket),
      ...g.writesBuckets.map((b) => `$KV.${b}.>`),
    ]),
  ];
}
