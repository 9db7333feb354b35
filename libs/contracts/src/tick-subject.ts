import { Market } from '@hoga/model';
import { subjects } from './subjects.js';

/**
 * The market of a concrete tick subject (`subjects.mdTick(market)`), or undefined when the
 * subject is not one: lets a wildcard subscriber check a tick's body against its subject.
 */
export function marketOfTickSubject(subject: string): Market | undefined {
  const market = subject.slice(subject.lastIndexOf('.') + 1);
  return Market.is(market) && subjects.mdTick(market).subject === subject ? market : undefined;
}
