import type { PositionId } from '@hoga/model';
import type { LivePosition } from '@hoga/position';
import type { Logger } from '@hoga/telemetry';
import type { ActorHost } from '../app/actor-host.js';
import type { PositionActor } from '../app/position-actor.js';
import type { PositionStream } from '../app/position-stream.js';
import type { RiskView } from '../domain/risk-view.js';

/** What the handlers work with: the actors, their streams, the partitions, the risk view, a clock. */
export interface ServiceContext {
  readonly host: ActorHost;
  readonly stream: PositionStream;
  readonly risk: RiskView;
  readonly logger: Logger;
  readonly now: () => Date;
  /** The partitions the positions are spread over (ADR 0018). */
  readonly partitions: number;
  /** The partition of a position (`partitionOf` of `@hoga/contracts` by {@link partitions}). */
  readonly partitionOf: (positionId: PositionId) => number;
  /** True while this instance owns the partition (only an owner decides and appends). */
  readonly owns: (partition: number) => boolean;
  /** Closed positions of the owned partitions (not held in memory until asked for). */
  readonly closedPositions: () => Promise<readonly PositionId[]>;
  /** A new actor over a live position (not yet adopted by the host). */
  readonly newActor: (positionId: PositionId, live: LivePosition) => PositionActor;
}
