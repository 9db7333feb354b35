import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { clockText, exactKrwText } from '../format.js';
import { t } from '../i18n/i18n.js';
import type { Live } from '../live/live-store.js';
import { fetchPositionOrders, type OrderView } from '../orders.js';

/**
 * The selected position's orders (leg, side, order-executor's state, executed volume and funds,
 * fee) and their trades, read again whenever the position's events change (`position/<id>`).
 * It fits the 380 px side panel in both languages: the KRW unit is in the headers, the words
 * wrap, the figures do not (a sideways scroll only for figures wider than the panel); a trade's
 * time and price share the two word columns, so its long price does not widen them.
 */
export function PositionOrders(props: { live: Live; positionId: string }) {
  const [orders, setOrders] = createSignal<OrderView[]>();
  const [failed, setFailed] = createSignal(false);
  createEffect(
    on(
      () => props.positionId,
      (id) => {
        setOrders(undefined);
        setFailed(false);
        let alive = true;
        let timer: ReturnType<typeof setTimeout> | undefined;
        let reading = 0;
        const read = () => {
          const mine = ++reading;
          fetchPositionOrders(id).then(
            (got) => {
              if (!alive || mine !== reading) return;
              setOrders(got ?? []);
              setFailed(false);
            },
            () => alive && mine === reading && setFailed(true),
          );
        };
        // each event of the position (a fill, an exit order) may change its orders: read again,
        // once for a burst of events
        const stop = props.live.follow(`position/${id}`, () => {
          clearTimeout(timer);
          timer = setTimeout(read, 200);
        });
        read();
        onCleanup(() => {
          alive = false;
          clearTimeout(timer);
          stop();
        });
      },
    ),
  );
  return (
    <div class="orders" data-orders={props.positionId}>
      <h2>{t('orders.title')}</h2>
      <Show when={failed()}>
        <p class="sub">⚠ {t('orders.failed')}</p>
      </Show>
      <Show when={orders()} fallback={<p class="sub">{t('orders.loading')}</p>}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p class="sub">{t('orders.none')}</p>}>
            <div class="orders-scroll">
              <table class="orders-table">
                <thead>
                  <tr>
                    <th>
                      {t('orders.leg')} · {t('orders.side')}
                    </th>
                    <th>{t('orders.state')}</th>
                    <th class="num">{t('orders.volume')}</th>
                    <th class="num">{t('orders.funds')}</th>
                    <th class="num">{t('orders.fee')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={list()}>
                    {(o) => (
                      <>
                        <tr data-order={o.orderId}>
                          <td class="wrap">
                            <span data-col="leg">{o.leg ? t(`orders.legs.${o.leg}`) : '—'}</span>
                            {' · '}
                            <span data-col="side">
                              {o.side ? t(`orders.sides.${o.side}`) : '—'}
                            </span>
                          </td>
                          <td class="wrap" data-col="state">
                            {o.state ?? t('orders.noExecutor')}
                          </td>
                          <td class="num" data-col="volume">
                            {o.executedVolume?.toString() ?? '—'}
                          </td>
                          <td class="num" data-col="funds">
                            {exactKrwText(o.executedFunds, false)}
                          </td>
                          <td class="num" data-col="fee">
                            {exactKrwText(o.fee, false)}
                          </td>
                        </tr>
                        <For each={o.trades}>
                          {(tr) => (
                            <tr class="trade" data-trade={tr.tradeUuid}>
                              {/* time and price share the two word columns and may wrap
                                  between them: they do not widen the table */}
                              <td class="wrap" colSpan={2}>
                                ↳ {clockText(tr.tradedAt).slice(0, 8)}{' '}
                                <span class="figure" data-col="price" title={t('orders.price')}>
                                  @ {exactKrwText(tr.price, false)}
                                </span>
                              </td>
                              <td class="num" data-col="volume">
                                {tr.volume?.toString() ?? '—'}
                              </td>
                              <td class="num" data-col="funds">
                                {exactKrwText(tr.funds, false)}
                              </td>
                              <td class="num" data-col="fee">
                                {exactKrwText(tr.fee, false)}
                              </td>
                            </tr>
                          )}
                        </For>
                      </>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        )}
      </Show>
    </div>
  );
}
