package dev.baton.server.ui;

import dev.baton.RunStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The UI in a real headless Chromium (Debian's, with its chromedriver; nothing is downloaded):
 * the catalog, a failed run's error and logs, an approval and a cancellation that show up without
 * reloading, and markup in inputs and logs shown as text. Screenshots go to
 * {@code target/ui-screenshots/}.
 */
class BrowserTest {
    @TempDir
    Path dir;
    UiSystem system;
    WebDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void openBrowser() throws Exception {
        HeadlessChromium.require();
        system = new UiSystem(dir).withRuns();
        browser = HeadlessChromium.open(dir, 1280, 1000);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void operatorFollowsRunsAndActsWithoutReloading() throws Exception {
        // The catalog: every workflow, the graph, the live stream connected.
        browser.get(system.url("/"));
        wait.until(ExpectedConditions.textToBe(By.id("live-state"), "live"));
        assertThat(browser.findElement(By.id("wf-LoadSales")).getText()).contains("team-data", "runbook",
                "Loads the day's sales into the warehouse.", "lock warehouse — shared with Explode");
        assertThat(browser.findElements(By.cssSelector("svg.graph .node"))).hasSize(5);
        screenshot("catalog");

        // A failed run: the error and the step logs, as text.
        browser.get(system.url("/ui/runs/" + system.failed));
        String error = browser.findElement(By.cssSelector("#run-error .error-summary")).getText();
        assertThat(error).contains("IllegalStateException: disk full on /data <i>really</i>");
        assertThat(browser.findElements(By.cssSelector("#run-error i"))).isEmpty();
        assertThat(browser.findElement(By.id("log-lines")).getText()).contains("connecting to db-1",
                "fetch failed: disk full on /data <i>really</i>");
        assertThat(browser.findElement(By.cssSelector("#run-error details.stack pre")).getText())
                .contains("IllegalStateException");
        screenshot("failed-run");

        // Markup in an input and a log line stays text: no script ran, no element was made.
        browser.get(system.url("/ui/runs/" + system.completed));
        assertThat(browser.findElement(By.id("run-input")).getText()).contains(UiSystem.HOSTILE);
        assertThat(browser.findElement(By.id("log-lines")).getText()).contains("row count: 42 " + UiSystem.HOSTILE);
        assertThat(((JavascriptExecutor) browser).executeScript("return typeof window.__pwned")).isEqualTo("undefined");
        assertThat(browser.findElements(By.cssSelector("main b, main script"))).isEmpty();
        screenshot("escaped-run");

        // Approve a waiting run: the page follows it to COMPLETED without a reload.
        browser.get(system.url("/ui/runs/" + system.waiting));
        wait.until(ExpectedConditions.textToBe(By.id("live-state"), "live"));
        markPage();
        assertThat(browser.findElement(By.id("run-waiting")).getText()).contains("signal 'approve'");
        WebElement payload = browser.findElement(By.cssSelector("form.signal input[name=payload]"));
        payload.clear();
        payload.sendKeys("true");
        browser.findElement(By.id("send-signal")).click();
        wait.until(ExpectedConditions.textToBe(By.id("run-status"), "COMPLETED"));
        assertThat(browser.findElement(By.id("flash")).getText()).contains("Signal 'approve' sent to run " + system.waiting);
        assertThat(browser.findElement(By.id("run-output")).getText()).contains("published 1.4.0");
        assertThat(browser.findElements(By.id("cancel-run"))).isEmpty();
        assertPageNotReloaded();
        screenshot("approved-run");

        // Cancel another: confirmed, then CANCELLED without a reload.
        browser.get(system.url("/ui/runs/" + system.waitingToCancel));
        wait.until(ExpectedConditions.textToBe(By.id("live-state"), "live"));
        markPage();
        browser.findElement(By.id("cancel-run")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBe(By.id("run-status"), "CANCELLED"));
        assertThat(browser.findElement(By.id("run-error")).getText()).contains("Cancelled");
        assertPageNotReloaded();
        screenshot("cancelled-run");

        // The run list picks up a run started elsewhere, and a refused action reads as a sentence.
        browser.get(system.url("/ui/runs"));
        wait.until(ExpectedConditions.textToBe(By.id("live-state"), "live"));
        markPage();
        String fresh = system.baton.start("Approval", "9.9.9").runId();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-run='" + fresh + "']")));
        system.awaitStatus(fresh, RunStatus.WAITING::equals);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr[data-run='" + fresh + "']"),
                "WAITING"));
        assertPageNotReloaded();
        screenshot("run-list");

        browser.get(system.url("/#wf-Approval"));
        browser.findElement(By.cssSelector("#wf-Approval details.start summary")).click();
        WebElement input = browser.findElement(By.cssSelector("#wf-Approval textarea[name=input]"));
        input.clear();
        input.sendKeys("{not json");
        browser.findElement(By.cssSelector("#wf-Approval details.start button")).click();
        wait.until(ExpectedConditions.attributeContains(By.id("flash"), "class", "bad"));
        assertThat(browser.findElement(By.id("flash")).getText()).isNotBlank().doesNotContain("Exception:");
        screenshot("refused-start");

        browser.get(system.url("/ui/schedules"));
        system.awaitFire(dev.baton.ScheduleFire.Outcome.SKIPPED);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.fire-skipped")));
        screenshot("schedules");
    }

    private void markPage() {
        ((JavascriptExecutor) browser).executeScript("window.__sameDocument = true;");
    }

    private void assertPageNotReloaded() {
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__sameDocument === true")).isEqualTo(true);
    }

    private void screenshot(String name) throws Exception {
        HeadlessChromium.screenshot(browser, name);
    }
}
