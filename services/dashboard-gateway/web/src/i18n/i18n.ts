import * as i18n from '@solid-primitives/i18n';
import { createEffect, createMemo, createRoot, createSignal } from 'solid-js';
import { en } from './en.js';
import { ko } from './ko.js';
import type { Message } from './message.js';

export type Locale = 'ko' | 'en';
const dictionaries = { ko, en } as const;
const STORAGE_KEY = 'hoga.locale';

/** The saved choice, else the browser's language (Korean unless it prefers English). */
function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'ko' || saved === 'en') return saved;
  const preferred = navigator.languages.find((l) => /^(ko|en)\b/i.test(l));
  return preferred?.toLowerCase().startsWith('en') === true ? 'en' : 'ko';
}

const [locale, setLocaleSignal] = createSignal<Locale>(initialLocale());

/** The page's language; switching it saves the choice and updates `<html lang>`. */
export { locale };
export function setLocale(next: Locale): void {
  localStorage.setItem(STORAGE_KEY, next);
  setLocaleSignal(next);
}

/** `t('summary.totalAssets')`, `t('table.rows', { n: '3' })`: typed keys of the Korean dictionary. */
export const t = createRoot(() => {
  const dict = createMemo(() => i18n.flatten(dictionaries[locale()]));
  createEffect(() => {
    document.documentElement.lang = locale();
  });
  return i18n.translator(dict, i18n.resolveTemplate);
});

/** A kept message in the page's language now (re-rendered when the language changes). */
export const say = (m: Message): string =>
  (t as (key: string, params?: Readonly<Record<string, string>>) => string)(m.key, m.params ?? {});

/** The keys whose entry is a `{ one, other }` pair: a count in words (`1 row`, `2 rows`). */
type Key = Parameters<typeof t>[0];
type CountOf<K> = K extends `${infer P}.other` ? P : never;
export type CountKey = CountOf<Key>;

/** `tn('table.rows', 1)` = "1 row": the locale's plural category of `n` picks the form. */
export function tn(key: CountKey, n: number, params: Record<string, string> = {}): string {
  const form = new Intl.PluralRules(locale()).select(n) === 'one' ? 'one' : 'other';
  return t(`${key}.${form}` as Key, { ...params, n: String(n) }) as string;
}
