import { capList, capText } from '@hoga/model';
import type * as t from 'io-ts';

/** Issues named in a {@link StrategySpecError}'s message; `issues` keeps them all. */
const ISSUES_IN_MESSAGE = 10;

/** One problem in a strategy file: where (`exit.stopLossPct`, `entry.all[1].period`) and why. */
export interface SpecIssue {
  /** Dotted path from the root; '' for the document itself. */
  readonly path: string;
  readonly reason: string;
  /** 1-based line in the source text, for syntax errors. */
  readonly line?: number;
}

/** A rejected strategy spec: every issue found, each with its path and reason. */
export class StrategySpecError extends Error {
  override readonly name = 'StrategySpecError';
  constructor(readonly issues: readonly SpecIssue[]) {
    const { kept, omitted } = capList(issues, ISSUES_IN_MESSAGE);
    const named = kept.map((i) => `${i.path || '(root)'}: ${i.reason}`).join('; ');
    // Bounded, whatever the file: the message is logged and sent in replies.
    super(
      capText(`invalid strategy: ${named}${omitted > 0 ? `; and ${omitted} more issues` : ''}`),
    );
  }
}
export const isStrategySpecError = (e: unknown): e is StrategySpecError =>
  e instanceof StrategySpecError;

/** The readable path of an io-ts context: `entry.all[1].period`. */
export function contextPath(context: t.Context): string {
  let path = '';
  for (let i = 1; i < context.length; i++) {
    const key = context[i]!.key;
    path += Array.isArray(context[i - 1]!.actual) ? `[${key}]` : path === '' ? key : `.${key}`;
  }
  return path;
}

/** Maps io-ts errors to issues, one per path and reason. */
export function toSpecIssues(errors: t.Errors): SpecIssue[] {
  const seen = new Set<string>();
  const issues: SpecIssue[] = [];
  for (const error of errors) {
    const issue = { path: contextPath(error.context), reason: error.message ?? 'invalid value' };
    const key = `${issue.path}\u0000${issue.reason}`;
    if (!seen.has(key)) issues.push(issue);
    seen.add(key);
  }
  return issues;
}
