/**
 * Black-box work as durable steps: {@link dev.baton.steps.Shell} runs a program or a script,
 * {@link dev.baton.steps.Http} calls an HTTP API, and {@link dev.baton.steps.Secret} refers to a
 * secret by name so that its value is resolved only when the step runs and masked everywhere.
 *
 * <pre>{@code
 * ShellResult out = flow.step("extract", StepOptions.retry(Retry.exponential(3)),
 *         Shell.command("python3", "extract.py", "--day", day)
 *              .env("PGPASSWORD", Secret.named("WAREHOUSE_PASSWORD")));
 * Receipt receipt = flow.step("publish", StepOptions.retry(Retry.exponential(5)),
 *         Http.post(reportsUri).jsonBody(report).expect(Receipt.class));
 * }</pre>
 *
 * <p>Both steps map what the outside system says to exceptions the step's {@link dev.baton.Retry}
 * policy understands: retryable ones (a failing exit code, a 503, a refused connection), and
 * {@link dev.baton.NonRetryable} ones (an exit code marked as final, a 404, a response that does
 * not parse, a program that does not exist), which end the step at once. Execution is
 * at-least-once: a step interrupted by a crash runs again, with the same idempotency key in the
 * command's environment ({@code BATON_IDEMPOTENCY_KEY}) and in the request's
 * {@code Idempotency-Key} header.
 */
package dev.baton.steps;
