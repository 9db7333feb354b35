import { Decimal } from '@hoga/model/decimal';
import { createMemo, Show, type JSX } from 'solid-js';
import { ageText, decimalOf, krwChange, krwText, percentChange, timeText } from '../format.js';
import { t, tn } from '../i18n/i18n.js';
import type { Live } from '../live/live-store.js';

type Obj = Record<string, unknown>;
const obj = (u: unknown): Obj | undefined =>
  typeof u === 'object' && u !== null ? (u as Obj) : undefined;
const ZERO = new Decimal(0);
const sum = (ds: readonly (Decimal | undefined)[]): Decimal =>
  ds.reduce<Decimal>((a, d) => (d === undefined ? a : a.add(d)), ZERO);

function Stat(props: {
  id: string;
  title: string;
  sub?: string;
  class?: string;
  /** The value as text: its length shrinks the font to fit the panel, the exact figure in a title. */
  fit?: string;
  children?: JSX.Element;
}) {
  return (
    <div class="panel stat" data-stat={props.id}>
      <h2 title={props.title}>{props.title}</h2>
      <div
        class={`value ${props.class ?? ''}${props.fit !== undefined ? ' fit' : ''}`}
        title={props.fit}
        style={props.fit !== undefined ? { '--chars': String(props.fit.length) } : undefined}
      >
        {props.fit ?? props.children}
      </div>
      <Show when={props.sub}>
        <div class="sub">{props.sub}</div>
      </Show>
    </div>
  );
}

/** The top row of stat panels: the account, PnL, exposure, the loss limit, trading and health. */
export function Summary(props: { live: Live }) {
  const risk = () => props.live.state.channels['risk'] ?? {};
  const trading = () => obj(obj(risk()['trading'])?.['risk']);
  const account = () => obj(obj(risk()['account'])?.['balances']);
  const totals = () => obj(account()?.['totals']);
  // running sums over the positions (the book adds a state's figures and subtracts its last ones)
  const sums = () => props.live.positions.totals();
  const coins = createMemo(() => {
    const balances = account()?.['balances'];
    if (!Array.isArray(balances)) return undefined;
    let value = ZERO;
    for (const b of balances as Obj[]) {
      if (b['currency'] === 'KRW') continue;
      const held = sum([decimalOf(b['balance']), decimalOf(b['locked'])]);
      const px =
        props.live.positions.lastPrice(`KRW-${String(b['currency'])}`) ??
        decimalOf(b['avgBuyPrice']);
      if (px) value = value.add(held.mul(px));
    }
    return value;
  });
  const available = () => decimalOf(totals()?.['availableKrw']);
  const locked = () => decimalOf(totals()?.['lockedKrw']);
  const total = () => {
    const a = available();
    const l = locked();
    const c = coins();
    return a && l && c ? a.add(l).add(c) : undefined;
  };
  const unrealized = () => sums().unrealized;
  const principal = () => sums().principal;
  const unrealizedPct = () =>
    principal().isZero() ? undefined : unrealized().div(principal()).mul(100);
  const realized = () => sums().realized;
  const exposure = () => decimalOf(trading()?.['exposureKrw']) ?? sums().valuation;
  const evaluation = () => obj(trading()?.['evaluation']);
  const gauge = () => {
    const loss = decimalOf(evaluation()?.['lossKrw']);
    const limit = decimalOf(evaluation()?.['limitKrw']);
    if (!loss || !limit || limit.isZero()) return undefined;
    return { loss, limit, pct: Math.min(100, loss.div(limit).mul(100).toNumber()) };
  };
  const state = () => {
    const s = trading()?.['state'];
    return s === 'ACTIVE' || s === 'REDUCING' || s === 'HALTED' ? s : undefined;
  };
  const health = () => {
    const h = obj(risk()['health']);
    const services = obj(h?.['services']) ?? h;
    if (!services) return undefined;
    const list = Object.values(services)
      .map(obj)
      .filter((s) => s !== undefined);
    if (list.length === 0) return undefined;
    return { ok: list.filter((s) => s['answering'] === true).length, all: list.length };
  };
  const oldestFeed = () => {
    const markets = obj(risk()['feeds'])?.['markets'];
    if (!Array.isArray(markets) || markets.length === 0) return undefined;
    const ages = (markets as Obj[]).map((m) => m['ageMs']).filter((a) => typeof a === 'number');
    return ages.length === 0 ? undefined : Math.max(...ages);
  };
  const pnl = () => krwChange(unrealized());
  const pnlPct = () => percentChange(unrealizedPct());
  const real = () => krwChange(realized());
  return (
    <section class="stats" aria-label={t('summary.title')}>
      <Stat
        id="total"
        title={t('summary.totalAssets')}
        sub={t('summary.totalAssetsSub')}
        fit={krwText(total())}
      />
      <Stat id="available" title={t('summary.availableKrw')} fit={krwText(available())} />
      <Stat id="locked" title={t('summary.lockedKrw')} fit={krwText(locked())} />
      <Stat
        id="unrealized"
        title={t('summary.unrealized')}
        class={pnl().className}
        sub={pnlPct().text}
        fit={pnl().text}
      />
      <Stat
        id="realized"
        title={t('summary.realized')}
        class={real().className}
        sub={t('summary.realizedSub')}
        fit={real().text}
      />
      <Stat
        id="exposure"
        title={t('summary.exposure')}
        sub={tn('summary.exposureSub', sums().holding)}
        fit={krwText(exposure())}
      />
      <Stat
        id="loss-limit"
        title={t('summary.lossLimit')}
        sub={
          gauge()
            ? t('summary.lossLimitSub', {
                loss: krwText(gauge()!.loss),
                limit: krwText(gauge()!.limit),
              })
            : undefined
        }
      >
        <Show when={gauge()} fallback={t('summary.lossLimitOff')}>
          {(g) => (
            <>
              {g().pct.toFixed(1)}%
              <div
                class="gauge"
                role="meter"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={g().pct}
              >
                <div style={{ width: `${g().pct}%` }} />
              </div>
            </>
          )}
        </Show>
      </Stat>
      <Stat
        id="trading"
        title={t('summary.trading')}
        class={state() ? `state-${state()}` : ''}
        sub={
          typeof trading()?.['reason'] === 'string'
            ? `${trading()!['reason'] as string}${
                trading()?.['since']
                  ? ` · ${t('summary.since', { at: timeText(trading()!['since']) })}`
                  : ''
              }`
            : undefined
        }
      >
        {state() ? t(`state.${state()!}`) : t('state.unknown')}
      </Stat>
      <Stat
        id="heartbeat"
        title={t('summary.heartbeat')}
        sub={
          health()
            ? t('summary.heartbeatSub', { ok: String(health()!.ok), all: String(health()!.all) })
            : undefined
        }
      >
        {health() ? `${health()!.ok}/${health()!.all}` : t('summary.none')}
      </Stat>
      <Stat
        id="feeds"
        title={t('summary.feeds')}
        sub={
          oldestFeed() !== undefined
            ? t('summary.feedsSub', { age: ageText(oldestFeed()!) })
            : undefined
        }
      >
        {oldestFeed() !== undefined ? ageText(oldestFeed()!) : t('summary.none')}
      </Stat>
    </section>
  );
}
