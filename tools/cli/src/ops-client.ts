import { deadLetterLimitsFromEnv } from '@hoga/config';
import {
  connectNatsBus,
  isBusNoRespondersError,
  isBusTimeoutError,
  opsRequest,
  requestOps,
  type Bus,
} from '@hoga/bus';
import { opsEndpoint, type OpsFailure, type OpsService, type OpsVerb } from '@hoga/contracts';
import type { OpsReplyOf as OpsReply } from '@hoga/bus';
import * as E from 'fp-ts/lib/Either.js';
import { CliError, ExitCode, usageError } from './cli-error.js';
import { unreachableMessage, type EngineLocation } from './engine-location.js';

/** A successful reply of an endpoint. */
export type OkReply<S extends OpsService, V extends OpsVerb<S>> = Extract<
  OpsReply<S, V>,
  { ok: true }
>;

/** Calls operator endpoints of the engine over one connection. */
export interface OpsClient {
  /**
   * Sends `data` in a fresh envelope and returns the success reply. Throws a {@link CliError}:
   * usage (2) when `data` does not decode, failed (1) on an error reply, unreachable (3) when
   * nobody answers.
   */
  call<S extends OpsService, V extends OpsVerb<S>>(
    service: S,
    verb: V,
    data: unknown,
  ): Promise<OkReply<S, V>>;
  close(): Promise<void>;
}

const isFailure = (reply: { readonly ok: boolean }): reply is OpsFailure => !reply.ok;

const quiet = { warn: () => undefined };

/** Connects to the engine's NATS; a connection failure is a {@link CliError} with exit 3. */
export async function connectOpsClient(
  where: EngineLocation,
  timeoutMs: number,
): Promise<OpsClient> {
  let bus: Bus;
  try {
    bus = await connectNatsBus({
      servers: where.natsUrl,
      namespace: where.namespace,
      name: 'hoga-cli',
      logger: quiet,
      // A reply the CLI cannot decode is kept too: under the engine's limits, not the defaults.
      deadLetters: deadLetterLimitsFromEnv(),
      requestTimeoutMs: timeoutMs,
    });
  } catch (error) {
    throw new CliError(ExitCode.unreachable, unreachableMessage(where, (error as Error).message));
  }
  return {
    async call(service, verb, data) {
      const request = opsRequest(service, verb, data);
      if (E.isLeft(request)) throw usageError(request.left.message);
      // Every reply codec is `opsReply(...)`: a success or an OpsFailure.
      const reply = (await requestOps(bus, service, verb, request.right).catch((error: unknown) => {
        throw failureOf(service, verb, timeoutMs, error);
      })) as OkReply<typeof service, typeof verb> | OpsFailure;
      if (isFailure(reply))
        throw new CliError(
          ExitCode.failed,
          `${service} ${verb} failed: ${reply.error.code}: ${reply.error.message}`,
        );
      return reply;
    },
    close: () => bus.close(),
  };
}

function failureOf(service: string, verb: string, timeoutMs: number, error: unknown): CliError {
  if (isBusNoRespondersError(error))
    return new CliError(
      ExitCode.unreachable,
      `no responders on ${service} ${verb}: is ${service} running?`,
    );
  if (isBusTimeoutError(error))
    return new CliError(
      ExitCode.unreachable,
      `${service} did not answer ${verb} within ${timeoutMs / 1000} s: is it overloaded or stuck?`,
    );
  return new CliError(ExitCode.failed, `${service} ${verb}: ${(error as Error).message}`, {
    cause: error,
  });
}

/** The JSON of a reply, as its endpoint's codec encodes it (decimals as strings). */
export const replyJson = <S extends OpsService, V extends OpsVerb<S>>(
  service: S,
  verb: V,
  reply: OpsReply<S, V>,
): string => JSON.stringify(opsEndpoint(service, verb).reply.encode(reply), null, 2);
