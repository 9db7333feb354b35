import { readFileSync } from 'node:fs';
import { deployPath } from '../deploy-paths.js';

/** A panel of the "hoga engine" dashboard (the fields the checks read). */
export interface Panel {
  readonly type: string;
  readonly title: string;
  readonly targets?: readonly { readonly expr?: string }[];
  readonly gridPos: { readonly y: number };
}

export interface Dashboard {
  readonly title: string;
  readonly uid: string;
  readonly panels: readonly Panel[];
}

/** `deploy/grafana/dashboards/hoga-engine.json`, parsed. */
export function readDashboard(): Dashboard {
  return JSON.parse(
    readFileSync(deployPath('grafana', 'dashboards', 'hoga-engine.json'), 'utf8'),
  ) as Dashboard;
}

/** Every query of the dashboard, with its panel's title. */
export function dashboardQueries(): { panel: string; expr: string }[] {
  return readDashboard().panels.flatMap((p) =>
    (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr ?? '' })),
  );
}
