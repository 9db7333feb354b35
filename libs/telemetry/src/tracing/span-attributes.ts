import type { Attributes } from '@opentelemetry/api';

/*
 * Attribute names of the OpenTelemetry semantic conventions used by hoga's spans. The messaging
 * and some db names are still "incubating", so they are spelled here, as the conventions
 * package advises, rather than imported from its unstable entry point.
 */
export const MESSAGING_SYSTEM = 'messaging.system';
export const MESSAGING_DESTINATION_NAME = 'messaging.destination.name';
export const MESSAGING_OPERATION_TYPE = 'messaging.operation.type';
export const MESSAGING_OPERATION_NAME = 'messaging.operation.name';
export const MESSAGING_MESSAGE_ID = 'messaging.message.id';
export const DB_SYSTEM_NAME = 'db.system.name';
export const DB_OPERATION_NAME = 'db.operation.name';
export const DB_COLLECTION_NAME = 'db.collection.name';
export const HTTP_REQUEST_METHOD = 'http.request.method';
export const HTTP_RESPONSE_STATUS_CODE = 'http.response.status_code';
export const URL_FULL = 'url.full';
export const SERVER_ADDRESS = 'server.address';
export const SERVER_PORT = 'server.port';
export const ERROR_TYPE = 'error.type';

/** The attributes of sending a message on a NATS subject (`send <subject>`, a PRODUCER span). */
export const sendAttributes = (subject: string, messageId?: string): Attributes => ({
  [MESSAGING_SYSTEM]: 'nats',
  [MESSAGING_DESTINATION_NAME]: subject,
  [MESSAGING_OPERATION_TYPE]: 'send',
  [MESSAGING_OPERATION_NAME]: 'publish',
  ...(messageId === undefined ? {} : { [MESSAGING_MESSAGE_ID]: messageId }),
});

/** The attributes of processing a received message (`process <subject>`, a CONSUMER span). */
export const processAttributes = (subject: string, messageId?: string): Attributes => ({
  [MESSAGING_SYSTEM]: 'nats',
  [MESSAGING_DESTINATION_NAME]: subject,
  [MESSAGING_OPERATION_TYPE]: 'process',
  [MESSAGING_OPERATION_NAME]: 'process',
  ...(messageId === undefined ? {} : { [MESSAGING_MESSAGE_ID]: messageId }),
});

/** The attributes of a PostgreSQL operation on a table (`<operation> <table>`, a CLIENT span). */
export const dbAttributes = (operation: string, table: string): Attributes => ({
  [DB_SYSTEM_NAME]: 'postgresql',
  [DB_OPERATION_NAME]: operation,
  [DB_COLLECTION_NAME]: table,
});
