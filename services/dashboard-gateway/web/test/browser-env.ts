/**
 * The few browser globals the page's logic modules read when they load (the saved choices in
 * `localStorage`, the browser's languages, `<html lang>` and its classes), for the web unit tests
 * under Node. Imported first by each test file; the modules under test are the page's own, run
 * with Solid's browser build (`--conditions=browser`, see scripts/test.mjs).
 */
class MemoryStorage {
  readonly #items = new Map<string, string>();
  get length(): number {
    return this.#items.size;
  }
  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.#items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.#items.delete(key);
  }
  clear(): void {
    this.#items.clear();
  }
  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null;
  }
}

class ClassList {
  readonly #names = new Set<string>();
  contains(name: string): boolean {
    return this.#names.has(name);
  }
  toggle(name: string, force?: boolean): boolean {
    const on = force ?? !this.#names.has(name);
    if (on) this.#names.add(name);
    else this.#names.delete(name);
    return on;
  }
}

const define = (name: string, value: unknown) =>
  Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });

define('localStorage', new MemoryStorage());
define('navigator', { languages: ['ko-KR', 'ko', 'en-US'] });
define('document', { documentElement: { lang: '', classList: new ClassList() } });
// a display's frames every 16 ms (the live store folds its frames at the next one)
define('requestAnimationFrame', (draw: (at: number) => void) =>
  setTimeout(() => draw(performance.now()), 16),
);
define('cancelAnimationFrame', (id: ReturnType<typeof setTimeout>) => clearTimeout(id));

/** `<html>` as the modules under test left it. */
export const html = (globalThis as unknown as { document: { documentElement: HtmlLike } }).document
  .documentElement;
export interface HtmlLike {
  lang: string;
  readonly classList: { contains(name: string): boolean };
}

/** Waits until `check` holds (the live store applies frames at the next animation frame). */
export async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
