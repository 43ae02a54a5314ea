package dev.baton.examples;

import dev.baton.Flow;
import dev.baton.Retry;
import dev.baton.StepOptions;
import dev.baton.Workflow;
import dev.baton.steps.Http;
import dev.baton.steps.Secret;
import dev.baton.steps.Shell;
import dev.baton.steps.ShellResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Black-box work under review: a shell script does the export, an HTTP service receives the
 * report, and the ordering, retries, timeouts and branches around them are ordinary code.
 *
 * <ol>
 *   <li>{@code export} runs {@code nightly-export.sh} (shipped with this class) with the day, the
 *       number of orders and the output folder as arguments and the warehouse password in its
 *       environment. Its output is streamed into the step's log, with the password masked.
 *       Exit code 0 means exported, 3 means nothing to export (both success codes, so the
 *       workflow branches on them), 75 means the warehouse is temporarily unavailable (retried),
 *       anything else fails the step at once.</li>
 *   <li>When there was something to export and a reports service is given, {@code publish}
 *       posts the report as JSON, retrying connection errors, 429 and 5xx with exponential
 *       backoff, and waiting at least as long as a {@code Retry-After} header asks.</li>
 * </ol>
 */
public final class NightlyExport implements Workflow<NightlyExport.Export, NightlyExport.Outcome> {

    /**
     * What to export.
     *
     * @param day        the day, e.g. {@code 2026-01-15}
     * @param orders     how many orders the (simulated) warehouse has that day; 0 means none
     * @param outputDir  the folder the CSV file goes to
     * @param reportsUrl where the report is posted, or null to skip publishing
     */
    public record Export(String day, int orders, String outputDir, URI reportsUrl) {
    }

    /**
     * What the reports service is sent.
     *
     * @param day    the day
     * @param orders how many orders were exported
     * @param file   the CSV file
     */
    public record Report(String day, int orders, String file) {
    }

    /**
     * What the reports service answers.
     *
     * @param id the report's id at the service
     */
    public record Receipt(String id) {
    }

    /**
     * How the night went.
     *
     * @param day       the day
     * @param status    {@code exported}, {@code exported and published} or {@code nothing to export}
     * @param orders    how many orders were exported
     * @param file      the CSV file, or null
     * @param receiptId the reports service's id for the report, or null when not published
     */
    public record Outcome(String day, String status, int orders, String file, String receiptId) {
    }

    /** The script's exit code for "nothing to export that day". */
    public static final int NOTHING_TO_EXPORT = 3;
    /** The script's exit code for "the warehouse is temporarily unavailable" (EX_TEMPFAIL). */
    public static final int TEMPORARY_FAILURE = 75;

    /**
     * The warehouse password, resolved when the step runs and masked everywhere Baton writes. In
     * the demo it comes from the environment variable {@code BATON_DEMO_SECRET}, with a harmless
     * default ({@link DemoSecrets}); a real deployment would name it e.g. {@code WAREHOUSE_PASSWORD}.
     */
    public static final Secret WAREHOUSE_PASSWORD = Secret.named(DemoSecrets.NAME);

    /** Three attempts 200 ms and 400 ms apart, at most 10 minutes each. */
    public static final StepOptions EXPORT_OPTIONS = StepOptions.retry(Retry.exponential(3)
            .withInitialInterval(Duration.ofMillis(200))).withTimeout(Duration.ofMinutes(10));

    /** Five attempts from 200 ms apart; a {@code Retry-After} from the service can only lengthen the waits. */
    public static final StepOptions PUBLISH_OPTIONS = StepOptions.retry(Retry.exponential(5)
            .withInitialInterval(Duration.ofMillis(200)));

    /** The export script, read once; it runs with {@code /bin/sh}. */
    static final String SCRIPT = resource("nightly-export.sh");

    @Override
    public Outcome run(Flow flow, Export export) {
        ShellResult exported = flow.step("export", EXPORT_OPTIONS,
                Shell.script(SCRIPT, export.day(), export.orders(), export.outputDir())
                        .env("WAREHOUSE_PASSWORD", WAREHOUSE_PASSWORD)
                        .successCodes(0, NOTHING_TO_EXPORT)
                        .retryableCodes(TEMPORARY_FAILURE));
        if (exported.exitCode() == NOTHING_TO_EXPORT) {
            return new Outcome(export.day(), "nothing to export", 0, null, null);
        }
        List<String> lines = exported.stdoutLines();
        String file = lines.get(lines.size() - 1);
        if (export.reportsUrl() == null) {
            return new Outcome(export.day(), "exported", export.orders(), file, null);
        }
        Receipt receipt = flow.step("publish", PUBLISH_OPTIONS,
                Http.post(export.reportsUrl())
                        .jsonBody(new Report(export.day(), export.orders(), file))
                        .timeout(Duration.ofSeconds(10))
                        .expect(Receipt.class));
        return new Outcome(export.day(), "exported and published", export.orders(), file, receipt.id());
    }

    private static String resource(String name) {
        try (InputStream in = NightlyExport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing next to " + NightlyExport.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
