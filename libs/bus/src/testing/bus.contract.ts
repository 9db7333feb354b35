import type { Bus } from '../bus.port.js';
import { concurrencyContract } from './contract/concurrency.contract.js';
import { deadLetterStoreContract } from './contract/dead-letter-store.contract.js';
import { durableContract } from './contract/durable.contract.js';
import type { ContractContext, ContractHarness } from './contract/fixtures.js';
import { kvContract } from './contract/kv.contract.js';
import { outboxContract } from './contract/outbox.contract.js';
import { pubSubContract } from './contract/pubsub.contract.js';
import { rpcContract } from './contract/rpc.contract.js';
import { recordingLogger, type RecordingLogger } from './recording-logger.js';

export type { ContractHarness } from './contract/fixtures.js';

/**
 * The behaviour every `Bus` implementation must have, as one mocha suite. `setup` makes a harness
 * for one run (its own namespace or broker); each test opens its buses from it and they are
 * closed after the test.
 */
export function busContract(label: string, setup: () => Promise<ContractHarness>): void {
  describe(`Bus contract: ${label}`, function () {
    let harness: ContractHarness | undefined;
    let log: RecordingLogger = recordingLogger();
    let opened: Bus[] = [];
    let counter = 0;

    before(async () => {
      harness = await setup();
    });
    after(async () => {
      await harness?.dispose();
    });
    beforeEach(() => {
      log = recordingLogger();
    });
    afterEach(async () => {
      const closing = opened;
      opened = [];
      await Promise.all(closing.map((bus) => bus.close()));
    });

    const ctx: ContractContext = {
      harness: () => {
        if (harness === undefined) throw new Error('the contract harness is not set up');
        return harness;
      },
      open: async (options) => {
        const bus = await ctx.harness().open(log, options);
        opened.push(bus);
        return bus;
      },
      log: () => log,
      unique: (name) => `${name}${++counter}`,
    };

    pubSubContract(ctx);
    rpcContract(ctx);
    durableContract(ctx);
    concurrencyContract(ctx);
    kvContract(ctx);
    deadLetterStoreContract(ctx);
    outboxContract(ctx);
  });
}
