package dev.baton.server.ui;

import com.sun.net.httpserver.HttpServer;
import dev.baton.Baton;
import dev.baton.StoreConfig;
import dev.baton.WorkflowDefinition;
import dev.baton.alert.AlertChannel;
import dev.baton.alert.Alerts;
import dev.baton.server.BatonServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Alerts page in a real headless Chromium: an incident whose notification reached one channel
 * and failed on another (a refused connection); the failure is counted in the banner and its row
 * is red. Screenshot in {@code target/ui-screenshots/alerts.png}.
 */
class AlertsBrowserTest {
    @TempDir
    Path dir;
    private Baton baton;
    private BatonServer server;
    private HttpServer receiver;
    private WebDriver browser;

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (baton != null) {
            baton.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void aFailedDeliveryStandsOut() throws Exception {
        HeadlessChromium.require();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        baton = Baton.builder().store(StoreConfig.sqlite(dir.resolve("baton.db")))
                .alerts(Alerts.builder().checkEvery(Duration.ofMillis(50))
                        .delivery(2, Duration.ofMillis(20), Duration.ofMillis(20))
                        .channel("ops-slack", AlertChannel.slack("http://127.0.0.1:" + receiver.getAddress().getPort() + "/x"))
                        .channel("ops-pager", AlertChannel.pagerDuty("KEY").eventsUrl("http://127.0.0.1:" + closed + "/v2"))
                        .build())
                .workflow(WorkflowDefinition.of("LoadSales", String.class, (flow, input) -> flow.step("load", () -> {
                    throw new IllegalStateException("disk full on /data");
                })).withOwner("team-data"))
                .build();
        baton.start();
        server = BatonServer.start(baton, "127.0.0.1", 0);
        baton.start("LoadSales", "x").await(Duration.ofSeconds(30));
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (baton.alerts(10).isEmpty() || baton.alerts(10).get(0).deliveries().stream()
                .anyMatch(d -> d.status().equals("PENDING"))) {
            if (System.nanoTime() > end) {
                fail("the deliveries did not settle in 30 s");
            }
            Thread.sleep(20);
        }

        browser = HeadlessChromium.open(dir, 1280, 800);
        browser.get("http://127.0.0.1:" + server.port() + "/");
        browser.findElement(By.linkText("Alerts")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/ui/alerts");
        assertThat(browser.findElement(By.cssSelector("nav a.on")).getText()).isEqualTo("Alerts");
        assertThat(browser.findElement(By.id("failed-deliveries")).getText())
                .contains("1 notification could not be delivered");
        List<WebElement> failed = browser.findElements(By.cssSelector("tr.delivery-failed"));
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).getText()).contains("ops-pager", "FAILED", "cannot connect");
        assertThat(failed.get(0).findElement(By.tagName("td")).getCssValue("background-color"))
                .isNotEqualTo(browser.findElement(By.cssSelector("tr.delivery-sent td")).getCssValue("background-color"));
        assertThat(browser.findElement(By.cssSelector("tr.delivery-sent")).getText()).contains("ops-slack", "SENT", "HTTP 200");
        assertThat(browser.findElement(By.cssSelector("main section")).getText()).contains("LoadSales", "RUN_FAILED",
                "OPEN", "disk full on /data");
        HeadlessChromium.screenshot(browser, "alerts");
    }

    /**
     * A delivery that is still being sent when the page is opened: when the receiver answers, the
     * row turns SENT on the open page, with no run changing and no reload.
     */
    @Test
    void theAlertsPageFollowsADeliveryAsItProgresses() throws Exception {
        HeadlessChromium.require();
        java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            asked.incrementAndGet();
            try {
                answer.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        receiver.start();
        baton = Baton.builder().store(StoreConfig.sqlite(dir.resolve("baton.db")))
                .alerts(Alerts.builder().checkEvery(Duration.ofMillis(50)).requestTimeout(Duration.ofSeconds(60))
                        .channel("ops-slack", AlertChannel.slack("http://127.0.0.1:" + receiver.getAddress().getPort() + "/x"))
                        .build())
                .workflow(WorkflowDefinition.of("LoadSales", String.class, (flow, input) -> flow.step("load", () -> {
                    throw new IllegalStateException("disk full on /data");
                })).withOwner("team-data"))
                .build();
        baton.start();
        server = BatonServer.start(baton, "127.0.0.1", 0);
        baton.start("LoadSales", "x").await(Duration.ofSeconds(30));
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (asked.get() == 0) {
            if (System.nanoTime() > end) {
                fail("the notification was not sent in 30 s");
            }
            Thread.sleep(20);
        }

        browser = HeadlessChromium.open(dir, 1280, 800);
        browser.get("http://127.0.0.1:" + server.port() + "/ui/alerts");
        assertThat(browser.findElement(By.cssSelector("tr.delivery-pending")).getText()).contains("ops-slack", "PENDING");
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(30)).until(
                d -> "live".equals(d.findElement(By.id("live-state")).getText()));
        assertThat(browser.findElements(By.cssSelector("tr.delivery-sent"))).isEmpty();

        answer.countDown();
        WebElement sent = new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> d.findElements(By.cssSelector("tr.delivery-sent")).stream().findFirst().orElse(null));
        assertThat(sent.getText()).contains("ops-slack", "SENT", "HTTP 200");
        assertThat(browser.findElements(By.cssSelector("tr.delivery-pending"))).isEmpty();
    }
}
