/**
 * Example workflows, one idea each: branching on a step's result ({@link dev.baton.examples.OrderRouting}),
 * retries with backoff ({@link dev.baton.examples.FlakyPayment}), durable fan-out over a run-time list
 * ({@link dev.baton.examples.FanOut}), a durable sleep ({@link dev.baton.examples.DelayedReminder}) and a
 * human approval as a signal ({@link dev.baton.examples.ReleaseApproval}).
 *
 * <p>{@link dev.baton.examples.ExampleCatalog} offers them to the {@code baton} command and
 * {@link dev.baton.examples.DemoCases} lists the runs of {@code baton demo}. Every example is
 * executed by the tests of this module against the real engine and a SQLite file.
 */
package dev.baton.examples;
