export * from './protobuf-reader.js';
export * from './otlp-spans.js';
export * from './otlp-receiver.js';
