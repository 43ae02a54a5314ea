/**
 * The determinism linter: finds code in workflow methods that breaks replay, by reading compiled
 * classes.
 *
 * <p>The public API is {@link dev.baton.lint.DeterminismLinter} ({@code scan} and
 * {@code assertClean}), its {@link dev.baton.lint.LintReport} of {@link dev.baton.lint.Finding}s,
 * and the {@link dev.baton.lint.Rule}s; {@link dev.baton.SuppressDeterminism} (in baton-api)
 * marks deliberate exceptions. The rules and their replacements are described in
 * docs/determinism.md.
 */
package dev.baton.lint;
