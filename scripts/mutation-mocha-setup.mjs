// Loaded by the mutation runs only (stryker.config.mjs): a property that fails ends at its first
// counterexample instead of shrinking it, so a mutant is reported killed in a second, not timed
// out after a long shrink. `npm test` still shrinks.
import fc from 'fast-check';

fc.configureGlobal({ endOnFailure: true });
