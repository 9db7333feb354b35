import { wire } from './codec.js';

const T0 = '2026-11-23T10:00:00.000Z';
const issued = { commandId: 'cmd-1', issuedBy: 'cli:alice', reason: 'manual check' };

/** Valid wire samples of market data. */
export const marketSamples = {
  tick: wire('Tick', {
    market: 'KRW-BTC',
    price: '95000000',
    volume: '0.0105',
    side: 'bid',
    tradeTimestamp: 1795428000000,
    sequentialId: 1795428000000001,
    bestBid: '94999000',
    bestAsk: '95000000',
  }),
  candle: wire('Candle', {
    market: 'KRW-XRP',
    interval: '5m',
    openTime: '2026-11-23T10:05:00.000Z',
    open: '812.4',
    high: '815',
    low: '811',
    close: '811',
    volume: '12345.67891234',
    turnoverKrw: '10024690.12',
    closed: true,
  }),
};

const armed = { ratePct: '10', equityAtArming: '10000000', unrealizedPnlAtArming: '-2500' };
const evaluation = {
  totalUnrealizedPnl: '-14500.5',
  realizedPnlSinceArming: '0',
  pnlSinceArming: '-12000.5',
  lossKrw: '12000.5',
  lossRatePct: '0.12',
  limitKrw: '1000000',
  breached: false,
};
const by = { by: 'cli:alice', reason: 'manual check' };

/** Valid wire samples of account and risk messages. */
export const accountRiskSamples = {
  account: wire('AccountState', {
    balances: [
      { currency: 'KRW', balance: '800000.5', locked: '0', avgBuyPrice: '0' },
      { currency: 'BTC', balance: '0.00210526', locked: '0', avgBuyPrice: '95000000' },
    ],
    totals: { availableKrw: '800000.5', lockedKrw: '0', costBasisKrw: '199999.7' },
  }),
  riskState: wire('RiskState', {
    state: 'ACTIVE',
    reason: 'initial',
    since: T0,
    lossLimit: { armed: true, ...armed, armedAt: T0 },
    evaluation,
    unrealizedPnlKrw: '-14500.5',
    exposureKrw: '1500000',
    holdingPositions: 3,
  }),
  unarmedRiskState: wire('RiskState', {
    state: 'REDUCING',
    reason: 'operator reduce',
    since: null,
    lossLimit: null,
    evaluation: null,
    unrealizedPnlKrw: '0',
    exposureKrw: '0',
    holdingPositions: 0,
  }),
  stateChanged: wire('TradingStateChanged', {
    from: 'ACTIVE',
    to: 'HALTED',
    by: 'loss-limit',
    reason: 'loss limit breached',
    at: T0,
    commandId: null,
  }),
  armed: wire('LossLimitArmed', { ...armed, armedAt: T0, ...by, commandId: 'cmd-1' }),
  breached: wire('LossLimitBreached', {
    ...armed,
    evaluation: { ...evaluation, lossKrw: '1000000', lossRatePct: '10', breached: true },
    at: T0,
  }),
  disarmed: wire('LossLimitDisarmed', { ...by, at: T0, commandId: 'cmd-2' }),
  halt: wire('RiskHalt', {
    cause: 'operator',
    ...by,
    commandId: 'cmd-3',
    liquidation: [
      { positionId: 'pos-big', notBeforeMs: 0 },
      { positionId: 'pos-small', notBeforeMs: 84 },
    ],
  }),
};

/** Valid wire samples of operator requests, keyed `service.verb`. */
export const opsRequestSamples = {
  'position-actor.run': wire('RunStrategy', {
    strategy: { id: 'btc-dip', market: 'KRW-BTC', budgetKrw: '200000', entry: 'immediate' },
    ...issued,
  }),
  'position-actor.close': wire('ClosePosition', { positionId: 'pos-1', ...issued }),
  'position-actor.pause': wire('PausePosition', { positionId: 'pos-1', ...issued }),
  'position-actor.resume': wire('ResumePosition', { positionId: 'pos-1', ...issued }),
  'position-actor.retry-close': wire('RetryClose', { positionId: 'pos-1', ...issued }),
  'position-actor.dismiss': wire('DismissPosition', {
    positionId: 'pos-1',
    ...issued,
    reason: null,
  }),
  'position-actor.list': wire('ListPositions', { statuses: ['active', 'error'], market: null }),
  'position-actor.deadletters': wire('ListDeadLetters', {
    subject: 'hoga.order.evt.*',
    limit: 10,
    all: false,
  }),
  'market-feed.history': wire('GetCandleHistory', {
    market: 'KRW-BTC',
    interval: '1m',
    count: 200,
    to: null,
  }),
  'market-feed.watch': wire('WatchMarkets', {
    holder: 'position-actor/p0',
    markets: ['KRW-BTC', 'KRW-ETH'],
    ttlMs: 60000,
  }),
  'market-feed.status': wire('GetFeedStatus', {}),
  'position-actor.status': wire('GetPositionActorStatus', {}),
  'risk-guard.status': wire('GetRiskStatus', {}),
  'risk-guard.deadletters': wire('ListDeadLetters', {
    subject: 'hoga.order.evt.*',
    limit: 10,
    all: false,
  }),
  'market-feed.deadletters': wire('ListDeadLetters', {
    subject: 'hoga.order.evt.*',
    limit: 10,
    all: false,
  }),
  'risk-guard.resume': wire('ResumeTrading', issued),
  'risk-guard.halt': wire('HaltTrading', issued),
  'risk-guard.reduce': wire('ReduceTrading', issued),
  'risk-guard.arm': wire('ArmLossLimit', { ratePct: '7.5', ...issued }),
  'risk-guard.disarm': wire('DisarmLossLimit', issued),
  'order-executor.status': wire('GetExecutorStatus', {}),
  'order-executor.account': wire('GetAccountStatus', { includeAcknowledged: false }),
  'order-executor.ack': wire('AcknowledgeFinding', { findingId: 'foreign-order:u-1', ...issued }),
  'order-executor.deadletters': wire('ListDeadLetters', {
    subject: null,
    limit: 10,
    all: true,
  }),
  'dashboard-gateway.status': wire('GetGatewayStatus', {}),
  'dashboard-gateway.login-link': wire('CreateLoginLink', { user: 'cli:alice', role: 'operator' }),
  'dashboard-gateway.deadletters': wire('ListDeadLetters', {
    subject: null,
    limit: 10,
    all: false,
  }),
};

/** Valid wire samples of operator replies (plain, not enveloped), keyed `service.verb`. */
export const opsReplySamples = {
  'dashboard-gateway.status': {
    ok: true,
    url: 'http://127.0.0.1:8790/',
    startedAt: T0,
    clients: 3,
    queuedBytes: 1024,
    droppedClients: 1,
    sessions: 2,
    sequence: 5120,
    faro: {
      accepted: 40,
      forwarded: 37,
      dropped: { queueFull: 1, collectorStatus: 2, failed: 0 },
      pending: 1,
    },
  },
  'dashboard-gateway.login-link': {
    ok: true,
    url: 'http://127.0.0.1:8790/login?code=0123456789abcdef0123456789abcdef',
    expiresAt: T0,
  },
  'risk-guard.status': {
    ok: true,
    risk: accountRiskSamples.riskState.data,
    equityKrw: '10250000.5',
    lastTransitions: [
      { from: 'ACTIVE', to: 'REDUCING', by: 'cli:alice', reason: 'thin market', at: T0 },
      { from: 'REDUCING', to: 'HALTED', by: 'loss-limit', reason: 'loss limit breached', at: T0 },
    ],
    leader: { instanceId: 'rg-b.desk:4242', since: '2026-11-23T09:58:30.000Z' },
  },
  'order-executor.status': {
    ok: true,
    exchange: 'https://api.upbit.com',
    taking: true,
    access: { status: 'lost', problem: 'order-permission' },
    settings: {
      feeRate: '0.0005',
      maxInFlight: 8,
      maxEntryAgeMs: 30000,
      maxOpenPositions: null,
      maxExposurePerMarketKrw: '5000000',
      partitions: 16,
    },
  },
  'position-actor.status': {
    ok: true,
    instanceId: 'pa-1',
    config: { feeRate: '0.0005', partitions: 16, snapshotEvery: 50, stateThrottleMs: 1000 },
    ticks: {
      settings: { bandPct: '10', window: 5, confirmTrades: 2 },
      received: 12,
      delivered: 8,
      rejected: { 'market-mismatch': 1, 'off-tick-grid': 1 },
      held: { outlier: 2, 'no-reference': 0 },
      confirmed: 0,
      dropped: 1,
      holding: [{ market: 'KRW-BTC', trades: 1, firstPrice: '1000000000000000000000000000000' }],
      candles: {
        received: 3,
        delivered: 2,
        rejected: { 'market-mismatch': 0, 'interval-mismatch': 0, 'off-tick-grid': 0, outlier: 1 },
      },
    },
  },
  'market-feed.status': {
    ok: true,
    markets: ['KRW-BTC'],
    feed: {
      ticks: 100,
      duplicates: 1,
      outOfOrder: 0,
      ignored: 3,
      rejected: {
        'not-a-krw-market': 0,
        'sequence-id-unsafe': 0,
        'market-mismatch': 0,
        'off-tick-grid': 2,
      },
      candlesClosed: 4,
      candlesForming: 9,
      issues: 0,
    },
    lastTicks: [{ market: 'KRW-BTC', lastTickAt: '2026-11-23T10:00:00.000Z', lastTickAgeMs: 1500 }],
    source: { kind: 'upbit', connected: true, connections: 2, stalls: 1, resyncs: 1 },
  },
};

/** Valid wire samples of logs, alerts and dead letters. */
export const opsTelemetrySamples = {
  log: wire('LogRecord', {
    service: 'order-executor',
    level: 'warn',
    message: 'order outcome unknown',
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    spanId: '00f067aa0ba902b7',
    fields: { orderId: 'pos-1-entry-1', attempt: 1, nested: { ok: false } },
  }),
  alert: wire('Alert', {
    severity: 'urgent',
    title: 'Loss limit breached',
    body: 'Loss 10% of 10,000,000 KRW: trading HALTED, liquidating 4 positions.',
    dedupKey: 'loss-limit-breached',
    source: 'risk-guard',
  }),
  deadLetter: wire('DeadLetter', {
    subject: 'hoga.order.evt.pos-1',
    cause: 'undecodable',
    reason: 'invalid OrderEvent: data.price: expected Price, got "-1"',
    payload: '{"type":"OrderFilled"}',
    payloadLength: 22,
    deliveryCount: null,
    receivedAt: T0,
  }),
};
