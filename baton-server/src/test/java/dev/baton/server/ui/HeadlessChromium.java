package dev.baton.server.ui;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Debian's Chromium and its chromedriver, headless, for the browser tests: nothing is downloaded.
 * Without them a test is skipped with the command that installs them, except under {@code CI=true},
 * where it fails, so that CI never passes without having run the browser.
 */
final class HeadlessChromium {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Where screenshots go, for a person to look at after a run. */
    static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");

    private HeadlessChromium() {
    }

    /** Skips the calling test (fails it under {@code CI=true}) when Chromium or its driver is missing. */
    static void require() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String message = "the browser test needs Debian's Chromium and its driver at " + CHROMIUM + " and "
                + CHROMEDRIVER + "; install them with: apt-get install -y chromium chromium-driver";
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        abort(message);
    }

    /**
     * Opens a headless browser with a fresh profile under {@code dir}. The flags keep Chromium from
     * reaching out to the network on its own (this machine's closed network refuses it).
     *
     * @param dir    a temporary folder of the test
     * @param width  the window's width in pixels
     * @param height the window's height in pixels
     * @return the browser; quit it after the test
     */
    static WebDriver open(Path dir, int width, int height) throws IOException {
        require();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=" + width + "," + height,
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Saves what {@code browser} shows as {@code target/ui-screenshots/NAME.png}. */
    static void screenshot(WebDriver browser, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
