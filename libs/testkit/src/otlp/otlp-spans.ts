import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import {
  bytesOf,
  hexOf,
  numberOf,
  readFields,
  stringOf,
  type ProtobufField,
} from './protobuf-reader.js';

/** An attribute value as received (arrays and maps as JSON-like values). */
export type AttributeValue =
  | string
  | number
  | boolean
  | null
  | readonly AttributeValue[]
  | { readonly [k: string]: AttributeValue };

/** One span as an OTLP receiver saw it (ids as lower-case hex, times in ns as bigint). */
export interface ReceivedSpan {
  readonly service: string;
  readonly scope: string;
  readonly traceId: string;
  readonly spanId: string;
  /** '' for a root span. */
  readonly parentSpanId: string;
  readonly name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  readonly kind: number;
  readonly startNs: bigint;
  readonly endNs: bigint;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  readonly links: readonly { readonly traceId: string; readonly spanId: string }[];
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  readonly status: number;
}

/** An OTLP export body that is not an `ExportTraceServiceRequest` (the reason says where). */
export class OtlpDecodeError extends Error {
  override readonly name = 'OtlpDecodeError';
}

const serviceOf = (attributes: Readonly<Record<string, AttributeValue>>): string => {
  const name = attributes['service.name'];
  return typeof name === 'string' ? name : '';
};

// ---- protobuf (opentelemetry/proto/collector/trace/v1, trace/v1, common/v1) ----

function anyValueOf(fields: readonly ProtobufField[]): AttributeValue {
  for (const f of fields) {
    if (f.no === 1 && f.wire === 'bytes') return stringOf(fields, 1);
    if (f.no === 2 && f.wire === 'varint') return f.value !== 0n;
    if (f.no === 3 && f.wire === 'varint') return Number(BigInt.asIntN(64, f.value));
    if (f.no === 4 && f.wire === 'fixed64') {
      const view = new DataView(new ArrayBuffer(8));
      view.setBigUint64(0, f.value, true);
      return view.getFloat64(0, true);
    }
    if (f.no === 5 && f.wire === 'bytes')
      return bytesOf(readFields(f.value), 1).map((v) => anyValueOf(readFields(v)));
    if (f.no === 6 && f.wire === 'bytes') return keyValuesOf(readFields(f.value), 1);
    if (f.no === 7 && f.wire === 'bytes') return Buffer.from(f.value).toString('base64');
  }
  return null;
}

function keyValuesOf(fields: readonly ProtobufField[], no: number): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const kv of bytesOf(fields, no)) {
    const pair = readFields(kv);
    const value = bytesOf(pair, 2).at(-1);
    out[stringOf(pair, 1)] = value === undefined ? null : anyValueOf(readFields(value));
  }
  return out;
}

function spanOfProtobuf(
  span: readonly ProtobufField[],
  service: string,
  scope: string,
): ReceivedSpan {
  const status = bytesOf(span, 15).at(-1);
  return {
    service,
    scope,
    traceId: hexOf(span, 1),
    spanId: hexOf(span, 2),
    parentSpanId: hexOf(span, 4),
    name: stringOf(span, 5),
    kind: Number(numberOf(span, 6) ?? 0n),
    startNs: numberOf(span, 7) ?? 0n,
    endNs: numberOf(span, 8) ?? 0n,
    attributes: keyValuesOf(span, 9),
    links: bytesOf(span, 13).map((l) => {
      const link = readFields(l);
      return { traceId: hexOf(link, 1), spanId: hexOf(link, 2) };
    }),
    status: status === undefined ? 0 : Number(numberOf(readFields(status), 3) ?? 0n),
  };
}

/** Decodes an `ExportTraceServiceRequest` in protobuf (`application/x-protobuf`). */
export function spansOfProtobuf(body: Uint8Array): ReceivedSpan[] {
  return bytesOf(readFields(body), 1).flatMap((rs) => {
    const resourceSpans = readFields(rs);
    const resource = bytesOf(resourceSpans, 1).at(-1);
    const attrs = resource === undefined ? {} : keyValuesOf(readFields(resource), 1);
    const service = serviceOf(attrs);
    return bytesOf(resourceSpans, 2).flatMap((ss) => {
      const scopeSpans = readFields(ss);
      const scopeBytes = bytesOf(scopeSpans, 1).at(-1);
      const scope = scopeBytes === undefined ? '' : stringOf(readFields(scopeBytes), 1);
      return bytesOf(scopeSpans, 2).map((s) => spanOfProtobuf(readFields(s), service, scope));
    });
  });
}

// ---- JSON (OTLP/JSON: ids as hex, 64-bit numbers as strings or numbers) ----

const Int64 = t.union([t.string, t.number]);
interface JsonAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values?: JsonAnyValue[] };
  kvlistValue?: { values?: { key: string; value?: JsonAnyValue }[] };
  bytesValue?: string;
}
const AnyValue: t.Type<JsonAnyValue> = t.recursion('AnyValue', () =>
  t.partial({
    stringValue: t.string,
    boolValue: t.boolean,
    intValue: Int64,
    doubleValue: t.number,
    arrayValue: t.partial({ values: t.array(AnyValue) }),
    kvlistValue: t.partial({ values: t.array(KeyValue) }),
    bytesValue: t.string,
  }),
);
const KeyValue: t.Type<{ key: string; value?: JsonAnyValue }> = t.recursion('KeyValue', () =>
  t.intersection([t.type({ key: t.string }), t.partial({ value: AnyValue })]),
);
const Span = t.intersection([
  t.type({ traceId: t.string, spanId: t.string, name: t.string }),
  t.partial({
    parentSpanId: t.string,
    kind: t.number,
    startTimeUnixNano: Int64,
    endTimeUnixNano: Int64,
    attributes: t.array(KeyValue),
    links: t.array(t.type({ traceId: t.string, spanId: t.string })),
    status: t.partial({ code: t.number }),
  }),
]);
const ExportRequest = t.partial({
  resourceSpans: t.array(
    t.partial({
      resource: t.partial({ attributes: t.array(KeyValue) }),
      scopeSpans: t.array(
        t.partial({ scope: t.partial({ name: t.string }), spans: t.array(Span) }),
      ),
    }),
  ),
});

function jsonValue(v: JsonAnyValue | undefined): AttributeValue {
  if (v === undefined) return null;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.arrayValue !== undefined) return (v.arrayValue.values ?? []).map(jsonValue);
  if (v.kvlistValue !== undefined) return jsonAttributes(v.kvlistValue.values);
  return v.bytesValue ?? null;
}
const jsonAttributes = (kvs: readonly { key: string; value?: JsonAnyValue }[] = []) =>
  Object.fromEntries(kvs.map((kv) => [kv.key, jsonValue(kv.value)]));

const HEX = /^[0-9a-f]*$/i;
const hexId = (id: string, where: string): string => {
  if (!HEX.test(id)) throw new OtlpDecodeError(`${where} is not hex: ${id.slice(0, 40)}`);
  return id.toLowerCase();
};

const nanos = (v: string | number | undefined, where: string): bigint => {
  try {
    return BigInt(v ?? 0);
  } catch {
    throw new OtlpDecodeError(`${where} is not an integer`);
  }
};

/** Decodes an `ExportTraceServiceRequest` in OTLP/JSON (`application/json`). */
export function spansOfJson(text: string): ReceivedSpan[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new OtlpDecodeError('the body is not JSON');
  }
  const decoded = ExportRequest.decode(raw);
  if (E.isLeft(decoded)) {
    const path =
      decoded.left[0]?.context
        .map((c) => c.key)
        .filter(Boolean)
        .join('.') ?? '';
    throw new OtlpDecodeError(`not an ExportTraceServiceRequest (at ${path || 'the top'})`);
  }
  return (decoded.right.resourceSpans ?? []).flatMap((rs) => {
    const service = serviceOf(jsonAttributes(rs.resource?.attributes));
    return (rs.scopeSpans ?? []).flatMap((ss) =>
      (ss.spans ?? []).map((s) => ({
        service,
        scope: ss.scope?.name ?? '',
        traceId: hexId(s.traceId, 'traceId'),
        spanId: hexId(s.spanId, 'spanId'),
        parentSpanId: hexId(s.parentSpanId ?? '', 'parentSpanId'),
        name: s.name,
        kind: s.kind ?? 0,
        startNs: nanos(s.startTimeUnixNano, 'startTimeUnixNano'),
        endNs: nanos(s.endTimeUnixNano, 'endTimeUnixNano'),
        attributes: jsonAttributes(s.attributes),
        links: (s.links ?? []).map((l) => ({
          traceId: hexId(l.traceId, 'link traceId'),
          spanId: hexId(l.spanId, 'link spanId'),
        })),
        status: s.status?.code ?? 0,
      })),
    );
  });
}
