package dev.baton.server.ui;

import dev.baton.RunStatus;
import dev.baton.access.Role;
import dev.baton.server.ServerSecurity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person logs in to a server that asks for it, in a real headless Chromium: the login form
 * leads back to the page asked for, the session cookie is out of the page's scripts' reach, an
 * action (whose form carries the CSRF token) goes through, the Audit page shows it, an API token
 * is made on the Tokens page (its secret shown once), and logging out ends the session.
 */
class LoginBrowserTest {
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path dir;
    UiSystem system;
    WebDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void openBrowser() throws Exception {
        HeadlessChromium.require();
        system = new UiSystem(dir, ServerSecurity.required()).withRuns();
        system.baton.access().createUser("ada", Role.ADMIN, PASSWORD.toCharArray());
        browser = HeadlessChromium.open(dir, 1280, 900);
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
    void aPersonLogsInActsSeesTheActionInTheAuditTrailAndLogsOut() throws Exception {
        String run = system.waitingToCancel;
        browser.get(system.url("/ui/runs/" + run));
        wait.until(ExpectedConditions.urlContains("/login?next="));
        browser.findElement(By.name("user")).sendKeys("ada");
        browser.findElement(By.name("password")).sendKeys("not the password");
        browser.findElement(By.cssSelector("form.login button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".error-box"),
                "Wrong user name or password."));
        screenshot("login-refused");
        browser.findElement(By.name("user")).sendKeys("ada");
        browser.findElement(By.name("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form.login button")).click();

        wait.until(ExpectedConditions.urlToBe(system.url("/ui/runs/" + run)));
        assertThat(browser.findElement(By.cssSelector("header .account")).getText()).contains("ada · admin");
        assertThat(browser.manage().getCookieNamed("baton_session").isHttpOnly()).isTrue();
        assertThat((String) ((JavascriptExecutor) browser).executeScript("return document.cookie"))
                .doesNotContain("baton_session");

        wait.until(ExpectedConditions.textToBe(By.id("live-state"), "live"));
        browser.findElement(By.id("cancel-run")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBe(By.id("run-status"), "CANCELLED"));
        system.awaitStatus(run, RunStatus.CANCELLED::equals);
        screenshot("logged-in-run");

        browser.findElement(By.linkText("Audit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.audit")));
        String trail = browser.findElement(By.cssSelector("table.audit")).getText();
        assertThat(trail).contains("ada", "cancel", run, "login", "refused", "wrong user name or password");
        screenshot("audit");

        // The admin makes an API token on the Tokens page: its secret is shown once, and it works.
        browser.findElement(By.linkText("Tokens")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.new-token-form")));
        browser.findElement(By.cssSelector("form.new-token-form input[name=name]")).sendKeys("ci-browser");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.cssSelector("form.new-token-form select")))
                .selectByValue("operator");
        browser.findElement(By.cssSelector("form.new-token-form button")).click();
        String secret = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-token-secret"))).getText();
        assertThat(secret).startsWith("baton_");
        assertThat(system.baton.access().authenticate(secret).role()).isEqualTo(Role.OPERATOR);
        assertThat(browser.findElement(By.cssSelector("table.tokens")).getText()).contains("ci-browser", "operator");
        screenshot("token-made");

        browser.findElement(By.cssSelector("header .account button")).click();
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.get(system.url("/ui/runs"));
        wait.until(ExpectedConditions.urlContains("/login?next="));
    }

    private void screenshot(String name) throws Exception {
        HeadlessChromium.screenshot(browser, name);
    }
}
