/**
 * The names of the level lines on the price chart, drawn by the page (a lightweight-charts series
 * primitive) instead of by the lines themselves: a line's own title comes with a label on the
 * price scale, which covers the scale's tick prices, and close lines' titles pile up. Here the
 * scale keeps its ticks (and the last price); each name sits at the pane's right edge, in the room
 * kept right of the last bar, moved apart from the others so none covers another; the exact prices
 * are in the legend under the chart.
 */
import type {
  IPrimitivePaneRenderer,
  IPrimitivePaneView,
  ISeriesApi,
  ISeriesPrimitive,
  SeriesAttachedParameter,
  SeriesType,
  Time,
} from 'lightweight-charts';

/** One name to draw: on the line at `price`. */
export interface LevelLabel {
  readonly kind: string;
  readonly text: string;
  readonly price: number;
  readonly colour: string;
}

/** A label's box as drawn, in the pane's CSS pixels (`lineY`: its line). */
export interface LabelBox {
  readonly kind: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly lineY: number;
}

/** A label's height and the gap kept between two. */
export const LABEL_HEIGHT = 16;
const GAP = 2;
const PAD = 4;
const FONT_PX = 11;

/**
 * The vertical centres of labels wanted at `ys` (any order), each as near its own as can be with
 * no two closer than `height + gap`, all within `[height / 2, paneHeight - height / 2]` when they
 * fit; returned in the order given.
 */
export function spreadLabels(
  ys: readonly number[],
  paneHeight: number,
  height = LABEL_HEIGHT,
  gap = GAP,
): number[] {
  const step = height + gap;
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  const placed = order.map((o) => Math.max(o.y, height / 2));
  for (let k = 1; k < placed.length; k += 1)
    placed[k] = Math.max(placed[k]!, placed[k - 1]! + step);
  // pushed past the bottom: move the run up, as far as the top allows
  const over = (placed.at(-1) ?? 0) - (paneHeight - height / 2);
  if (over > 0) {
    for (let k = placed.length - 1; k >= 0; k -= 1) {
      const limit = k === placed.length - 1 ? placed[k]! - over : placed[k + 1]! - step;
      placed[k] = Math.max(height / 2, Math.min(placed[k]!, limit));
    }
  }
  const out = new Array<number>(ys.length);
  order.forEach((o, k) => (out[o.i] = placed[k]!));
  return out;
}

type Target = Parameters<IPrimitivePaneRenderer['draw']>[0];

/**
 * The primitive: `set` the labels (kind, name, price, colour); it draws them on every redraw of
 * the chart, where the price scale puts their prices now, and tells `onLayout` the boxes it drew
 * when they change (the page mirrors them for tests).
 */
export class LevelLabels implements ISeriesPrimitive<Time> {
  #series: ISeriesApi<SeriesType, Time> | undefined;
  #requestUpdate: (() => void) | undefined;
  #labels: readonly LevelLabel[] = [];
  #ys: (number | null)[] = [];
  #last = '';
  readonly #view: IPrimitivePaneView;

  constructor(
    private readonly style: { readonly font: string; readonly background: string },
    private readonly onLayout: (boxes: readonly LabelBox[]) => void,
  ) {
    const renderer: IPrimitivePaneRenderer = { draw: (target) => this.#draw(target) };
    this.#view = { zOrder: () => 'top', renderer: () => renderer };
  }

  set(labels: readonly LevelLabel[]): void {
    this.#labels = labels;
    this.#requestUpdate?.();
  }

  attached(param: SeriesAttachedParameter<Time>): void {
    this.#series = param.series;
    this.#requestUpdate = param.requestUpdate;
  }

  detached(): void {
    this.#series = undefined;
    this.#requestUpdate = undefined;
  }

  updateAllViews(): void {
    const series = this.#series;
    this.#ys = this.#labels.map((l) => (series ? series.priceToCoordinate(l.price) : null));
  }

  paneViews(): readonly IPrimitivePaneView[] {
    return [this.#view];
  }

  #draw(target: Target): void {
    target.useMediaCoordinateSpace(({ context: ctx, mediaSize }) => {
      const shown = this.#labels.flatMap((label, i) => {
        const y = this.#ys[i];
        return y === null || y === undefined ? [] : [{ label, lineY: y }];
      });
      ctx.save();
      ctx.font = `${String(FONT_PX)}px ${this.style.font}`;
      const centres = spreadLabels(
        shown.map((s) => s.lineY),
        mediaSize.height,
      );
      const boxes = shown.map(({ label, lineY }, i): LabelBox => {
        const width = Math.ceil(ctx.measureText(label.text).width) + PAD * 2;
        return {
          kind: label.kind,
          x: mediaSize.width - width - PAD,
          y: centres[i]! - LABEL_HEIGHT / 2,
          width,
          height: LABEL_HEIGHT,
          lineY,
        };
      });
      boxes.forEach((box, i) => {
        const colour = shown[i]!.label.colour;
        ctx.fillStyle = this.style.background;
        ctx.fillRect(box.x, box.y, box.width, box.height);
        ctx.strokeStyle = colour;
        ctx.strokeRect(box.x + 0.5, box.y + 0.5, box.width - 1, box.height - 1);
        ctx.fillStyle = colour;
        ctx.textBaseline = 'middle';
        ctx.fillText(shown[i]!.label.text, box.x + PAD, box.y + box.height / 2 + 0.5);
      });
      ctx.restore();
      const key = JSON.stringify(boxes);
      if (key !== this.#last) {
        this.#last = key;
        this.onLayout(boxes);
      }
    });
  }
}
