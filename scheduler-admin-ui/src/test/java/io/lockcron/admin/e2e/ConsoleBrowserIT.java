package io.lockcron.admin.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.AttemptOutcome;
import io.lockcron.ExecutionQuery;
import io.lockcron.FailoverInfo;
import io.lockcron.FailoverReason;
import io.lockcron.JobInfo;
import io.lockcron.JobStatus;
import io.lockcron.Outcome;
import io.lockcron.Scheduler;
import io.lockcron.SchedulerClient;
import io.lockcron.admin.testing.Browser;
import io.lockcron.admin.testing.ConsoleDatabase;
import io.lockcron.admin.testing.DemoJobs;
import io.lockcron.admin.testing.Wait;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The console as a newcomer meets it: a running service with jobs on MariaDB, headless Chromium
 * logging in, triggering a job and watching its execution appear, pausing, resuming and
 * rescheduling it, reading a failure, and finding the failover that killing a node process
 * (SIGKILL, mid-fire) produced. Screenshots of each step go to target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserIT {
    private static final String USER = "ops";
    private static final String PASSWORD = "correct-horse-battery-staple";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DOOMED = "doomed-node";
    private static final String SURVIVOR = "survivor-node";

    private final ConsoleDatabase database = ConsoleDatabase.mariaDb();
    private HikariDataSource pool;
    private SchedulerClient client;
    private ConfigurableApplicationContext app;
    private Browser browser;
    private String base;
    private String test = "test";

    @BeforeAll
    void startApplicationAndBrowser() throws Exception {
        pool = database.pool(4);
        database.reset(pool);
        client = SchedulerClient.create(pool);
        app = new SpringApplicationBuilder(DemoClusterApp.class)
                .properties(
                        "server.port=0",
                        "spring.main.banner-mode=off",
                        "lockcron.console.users[0].name=" + USER,
                        "lockcron.console.users[0].password={bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD),
                        "lockcron.console.users[0].role=OPERATOR",
                        "lockcron.console.refresh-interval=2s",
                        "lockcron.console.node-dead-after=4s")
                .run();
        base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port") + "/lockcron";
        browser = Browser.start();
    }

    @AfterAll
    void stopEverything() throws Exception {
        try (HikariDataSource closePool = pool;
                ConfigurableApplicationContext closeApp = app;
                Browser closeBrowser = browser) {
            // closed in reverse order, each even if another fails
        }
    }

    @BeforeEach
    void loggedOut(TestInfo info) {
        test = info.getTestMethod().map(m -> m.getName()).orElse("test");
        browser.open(base + "/login");
        browser.driver().manage().deleteAllCookies();
    }

    @Test
    void anOperatorTriggersPausesResumesAndReschedulesAJob() throws Exception {
        step("log in", () -> {
            browser.open(base + "/");
            browser.waiting(WAIT).until(d -> d.getCurrentUrl().endsWith("/lockcron/login"));
            browser.screenshot("01-login");
            logIn();
        });
        step("overview", () -> {
            browser.waiting(WAIT).until(d -> number("[data-value=nodes-alive]") >= 1);
            browser.waiting(WAIT).until(d -> number("[data-value=executions]") >= 2);
            waitForChart("executions-chart");
            browser.screenshot("02-overview");
        });
        step("jobs, names as text", () -> {
            browser.open(base + "/jobs");
            List<String> names = browser.findAll("tr[data-job]").stream()
                    .map(row -> row.getAttribute("data-job"))
                    .toList();
            assertThat(names)
                    .contains(
                            DemoJobs.DAILY_REPORT,
                            DemoJobs.SYNC_INVENTORY,
                            DemoJobs.SEND_INVOICES,
                            DemoJobs.FLAKY_IMPORT,
                            DemoJobs.HOSTILE_NAME);
            assertThat(jobRow(DemoJobs.HOSTILE_NAME)
                            .findElement(By.cssSelector("a.job-name"))
                            .getText())
                    .isEqualTo(DemoJobs.HOSTILE_NAME);
            assertThat(jobRow(DemoJobs.DAILY_REPORT).getText())
                    .contains("cron '0 0 6 * * ?' in Europe/Berlin", "CRON 0 0 6 * * ?", "TRANSACTIONAL");
            assertNoScriptRan();
            browser.screenshot("03-jobs");
        });
        step("trigger now and watch the execution appear", () -> {
            jobRow(DemoJobs.DAILY_REPORT)
                    .findElement(By.cssSelector("a.job-name"))
                    .click();
            browser.waiting(WAIT)
                    .until(d -> browser.find("h1.job-title").getText().equals(DemoJobs.DAILY_REPORT));
            browser.find("button[data-action=trigger]").click();
            waitForNotice("Triggered daily-report");
            browser.script("window.lockcronMarker = 'same page';");
            browser.waiting(WAIT)
                    .until(d -> browser.findAll("#job-history tr[data-execution]").stream()
                            .anyMatch(row -> row.getText().contains("SUCCEEDED")));
            assertThat(browser.script("return window.lockcronMarker;"))
                    .as("the execution appeared by the page's own refresh, not a reload")
                    .isEqualTo("same page");
            assertThat(browser.find("#job-history tr[data-execution]").getText())
                    .contains("MANUAL", DemoClusterApp.NODE_ID, "SUCCEEDED");
            waitForChart("durations-chart");
            browser.screenshot("04-job-triggered");
        });
        step("pause and resume", () -> {
            browser.find("button[data-action=pause]").click();
            waitForNotice("Paused daily-report.");
            assertThat(browser.findAll(".summary-head .status-PAUSED")).hasSize(1);
            browser.find("button[data-action=resume]").click();
            waitForNotice("Resumed daily-report.");
            assertThat(browser.findAll(".summary-head .status-IDLE")).hasSize(1);
            List<String> audit = browser.findAll("#job-events tr[data-audit]").stream()
                    .map(WebElement::getText)
                    .toList();
            assertThat(audit).anyMatch(a -> a.contains("RESUME") && a.contains(USER));
            assertThat(audit).anyMatch(a -> a.contains("PAUSE") && a.contains(USER));
            assertThat(audit).anyMatch(a -> a.contains("TRIGGER") && a.contains(USER));
        });
        step("change the schedule after a preview", () -> {
            preview("<b>every day</b>", "Europe/Berlin");
            WebElement error = browser.waiting(WAIT).until(d -> browser.find("[data-field=preview-error]"));
            assertThat(error.getText()).contains("<b>every day</b>");
            assertThat(browser.findAll("[data-field=preview-error] b")).isEmpty();

            preview("0 30 7 * * MON-FRI", "Europe/Berlin");
            browser.waiting(WAIT)
                    .until(d -> browser.findAll("[data-field=preview] li").size() == 5);
            browser.screenshot("05-schedule-preview");
            browser.find("button[data-action=save-schedule]").click();
            waitForNotice("New schedule for daily-report: cron '0 30 7 ? * MON-FRI' in Europe/Berlin.");
            JobInfo job = client.job(DemoJobs.DAILY_REPORT).orElseThrow();
            assertThat(job.triggerValue()).isEqualTo("0 30 7 ? * MON-FRI");
            assertThat(job.zone()).isEqualTo("Europe/Berlin");
        });
        step("read a failure", () -> {
            Wait.until(
                    "a failed flaky-import",
                    WAIT,
                    () -> client.executions(ExecutionQuery.all()
                                            .job(DemoJobs.FLAKY_IMPORT)
                                            .outcome(Outcome.FAILED))
                                    .total()
                            > 0);
            browser.open(base + "/executions?outcome=FAILED");
            WebElement summary = browser.find("tr[data-job=flaky-import] details summary");
            summary.click();
            WebElement error = browser.find("tr[data-job=flaky-import] details[open] pre");
            assertThat(error.getText()).contains(DemoJobs.HOSTILE_ERROR);
            assertThat(browser.findAll("details pre img")).isEmpty();
            assertNoScriptRan();
            browser.screenshot("06-executions-failed");
        });
        step("log out", () -> {
            browser.find("button[data-action=logout]").click();
            browser.waiting(WAIT).until(d -> d.getCurrentUrl().endsWith("/lockcron/login?logout"));
        });
    }

    @Test
    void aNodeKilledMidFireIsSeenAsAFailover() throws Exception {
        step("log in", () -> {
            browser.open(base + "/login");
            logIn();
        });
        try (NodeProcess doomed = NodeProcess.start(DOOMED, Path.of("target", "node-logs"));
                HikariDataSource survivorPool = database.pool(10);
                Scheduler survivor = Scheduler.builder(survivorPool)
                        .nodeId(SURVIVOR)
                        .pollInterval(Duration.ofMillis(300))
                        // Fences a silent node after three seconds rather than ten, to keep the test short.
                        .heartbeatInterval(Duration.ofMillis(500))
                        .heartbeatTimeout(Duration.ofSeconds(3))
                        .shutdownTimeout(Duration.ofSeconds(5))
                        .job(DemoJobs.failoverDemo(ctx -> {}))
                        .build()) {
            step("a node process starts the fire", () -> {
                waitFor(
                        "the doomed node to run " + DemoJobs.FAILOVER_DEMO,
                        NodeProcess.startupTimeout(),
                        doomed,
                        () -> DOOMED.equals(runningOn(DemoJobs.FAILOVER_DEMO)));
                browser.open(base + "/nodes");
                browser.waiting(WAIT).until(d -> nodeRow(DOOMED).getText().contains(DemoJobs.FAILOVER_DEMO));
                browser.screenshot("07-nodes-before-kill");
            });
            step("SIGKILL it; the survivor takes the fire over", () -> {
                // A node joining while another holds a fire of one of its jobs must not wait for that fire.
                CompletableFuture.runAsync(survivor::start).get(30, TimeUnit.SECONDS);
                doomed.kill();
                waitFor(
                        "a failover of " + DemoJobs.FAILOVER_DEMO,
                        WAIT,
                        doomed,
                        () -> failover().isPresent());
                FailoverInfo failover = failover().orElseThrow();
                assertThat(failover.fromNode()).isEqualTo(DOOMED);
                assertThat(failover.toNode()).isEqualTo(SURVIVOR);
                assertThat(failover.reason()).isEqualTo(FailoverReason.CRASH);
                Wait.until(
                        "the taken-over fire to succeed",
                        WAIT,
                        () -> client.executions(ExecutionQuery.all()
                                                .job(DemoJobs.FAILOVER_DEMO)
                                                .outcome(Outcome.SUCCEEDED))
                                        .total()
                                == 1);
            });
            step("the silent node is fenced", () -> {
                waitFor(
                        "a fencing of the doomed node",
                        WAIT,
                        doomed,
                        () -> client.fencings(10).stream()
                                .anyMatch(f -> f.nodeId().equals(DOOMED)));
            });
            step("the failovers page shows the failover and the fencing", () -> {
                browser.open(base + "/failovers");
                WebElement fencing = browser.find("tr[data-fencing][data-node=" + DOOMED + "]");
                assertThat(fencing.findElement(By.cssSelector("[data-field=fenced-by]"))
                                .getText())
                        .isIn(SURVIVOR, DemoClusterApp.NODE_ID);
                WebElement row = browser.find("tr[data-job=" + DemoJobs.FAILOVER_DEMO + "]");
                assertThat(row.findElement(By.cssSelector("[data-field=from]")).getText())
                        .isEqualTo(DOOMED);
                assertThat(row.findElement(By.cssSelector("[data-field=to]")).getText())
                        .isEqualTo(SURVIVOR);
                assertThat(row.findElement(By.cssSelector("[data-field=reason]"))
                                .getText())
                        .isEqualTo("CRASH");
                assertThat(row.findElement(By.cssSelector("[data-field=delay]")).getText())
                        .isNotBlank();
                browser.screenshot("08-failovers");
            });
            step("the fire page tells the failover's story", () -> {
                browser.find("tr[data-job=" + DemoJobs.FAILOVER_DEMO + "] a[data-field=fire-link]")
                        .click();
                browser.waiting(WAIT)
                        .until(d -> browser.findAll("tr[data-attempt]").size() >= 2);
                WebElement lost = browser.find("tr[data-attempt='1']");
                assertThat(lost.getText()).contains(DOOMED, "LOST");
                assertThat(lost.findElement(By.cssSelector("[data-field=ended-by]"))
                                .getText())
                        .contains("CRASH", "taken over by " + SURVIVOR);
                assertThat(browser.find("tr[data-attempt='2']").getText()).contains(SURVIVOR, "COMMITTED");
                browser.screenshot("11-fire-failover");
            });
            step("the nodes page shows the killed node fenced", () -> {
                browser.open(base + "/nodes");
                browser.waiting(WAIT).until(d -> {
                    String health = nodeRow(DOOMED)
                            .findElement(By.cssSelector("[data-field=health]"))
                            .getText();
                    return health.equals("FENCED");
                });
                assertThat(nodeRow(SURVIVOR).getText()).contains("ALIVE");
                browser.screenshot("09-nodes-after-kill");
            });
            step("the overview counts it", () -> {
                browser.open(base + "/");
                browser.waiting(WAIT).until(d -> number("[data-value=failovers]") >= 1);
                assertThat(browser.find("#overview-lists").getText()).contains(DemoJobs.FAILOVER_DEMO, "CRASH");
                waitForChart("executions-chart");
                browser.screenshot("10-overview-after-failover");
            });
        }
    }

    @Test
    void anOperatorSearchesPausesInBulkRerunsCancelsAndDeletes() throws Exception {
        step("log in", () -> {
            browser.open(base + "/login");
            logIn();
        });
        step("search the jobs", () -> {
            browser.open(base + "/jobs");
            browser.find("input[data-field=q]").sendKeys("SYNC");
            browser.find("button[data-action=search]").click();
            browser.waiting(WAIT).until(d -> d.getCurrentUrl().contains("q=SYNC"));
            assertThat(browser.findAll("tr[data-job]"))
                    .extracting(row -> row.getAttribute("data-job"))
                    .containsExactly(DemoJobs.SYNC_INVENTORY);
            browser.screenshot("12-jobs-search");
        });
        step("pause two jobs in bulk, then resume them", () -> {
            browser.open(base + "/jobs");
            jobRow(DemoJobs.SYNC_INVENTORY)
                    .findElement(By.cssSelector("[data-field=select]"))
                    .click();
            jobRow(DemoJobs.SEND_INVOICES)
                    .findElement(By.cssSelector("[data-field=select]"))
                    .click();
            browser.screenshot("13-jobs-bulk-selected");
            browser.find("button[data-action=bulk-pause]").click();
            waitForNotice("Paused 2 jobs.");
            // sync-inventory fires every moment: a pause asked while one of its fires holds the row
            // waits for that fire's end (ActionResult.PENDING), a moment later.
            Wait.until(
                    "sync-inventory paused",
                    WAIT,
                    () -> client.job(DemoJobs.SYNC_INVENTORY).orElseThrow().status() == JobStatus.PAUSED);
            assertThat(client.job(DemoJobs.SEND_INVOICES).orElseThrow().status())
                    .isEqualTo(JobStatus.PAUSED);
            browser.open(base + "/jobs");
            assertThat(jobRow(DemoJobs.SYNC_INVENTORY).getText()).contains("PAUSED");
            jobRow(DemoJobs.SYNC_INVENTORY)
                    .findElement(By.cssSelector("[data-field=select]"))
                    .click();
            jobRow(DemoJobs.SEND_INVOICES)
                    .findElement(By.cssSelector("[data-field=select]"))
                    .click();
            browser.find("button[data-action=bulk-resume]").click();
            waitForNotice("Resumed 2 jobs.");
            assertThat(client.job(DemoJobs.SEND_INVOICES).orElseThrow().status())
                    .isEqualTo(JobStatus.IDLE);
        });
        step("rerun a failed fire as itself and read both attempts on its page", () -> {
            Wait.until(
                    "a failed flaky-import",
                    WAIT,
                    () -> client.executions(ExecutionQuery.all()
                                            .job(DemoJobs.FLAKY_IMPORT)
                                            .outcome(Outcome.FAILED))
                                    .total()
                            > 0);
            browser.open(base + "/executions?job=" + DemoJobs.FLAKY_IMPORT + "&outcome=FAILED");
            WebElement row = browser.find("tr[data-job=flaky-import]");
            String fireLink =
                    row.findElement(By.cssSelector("a[data-field=fire-link]")).getAttribute("href");
            Instant fire = Instant.parse(java.net.URLDecoder.decode(
                    fireLink.substring(fireLink.indexOf("at=") + 3), java.nio.charset.StandardCharsets.UTF_8));
            row.findElement(By.cssSelector("button[data-action=rerun]")).click();
            waitForNotice("Rerunning the fire of flaky-import");
            // flaky-import always fails: the rerun is attempt 2 of the same fire, failing with its own error.
            Wait.until(
                    "the rerun's attempt",
                    WAIT,
                    () -> client.attempts(DemoJobs.FLAKY_IMPORT, fire).stream()
                            .anyMatch(a -> a.attempt() == 2 && a.outcome() != AttemptOutcome.RUNNING));
            browser.open(fireLink);
            assertThat(browser.findAll("tr[data-attempt]")).hasSize(2);
            assertThat(browser.findAll("[data-field=attempt-outcome]"))
                    .extracting(WebElement::getText)
                    .containsExactly("FAILED", "FAILED");
            assertThat(browser.findAll("pre[data-field=attempt-error]")).hasSize(2);
            assertThat(browser.findAll("#fire-attempts img")).isEmpty();
            assertNoScriptRan();
            browser.screenshot("14-fire-rerun");
        });
        step("cancel a pending one-shot", () -> {
            String entry = client.scheduleOnce(
                    DemoJobs.DAILY_REPORT, "browser-cancel", Instant.now().plus(Duration.ofDays(1)), "<b>payload</b>");
            browser.open(
                    base + "/job?name=" + java.net.URLEncoder.encode(entry, java.nio.charset.StandardCharsets.UTF_8));
            browser.find("button[data-action=cancel]").click();
            waitForNotice("Cancelled the one-shot " + entry + ".");
            assertThat(client.job(entry)).isEmpty();
        });
        step("delete: refused while a node registers the job, done once none does", () -> {
            browser.open(base + "/job?name=" + DemoJobs.DAILY_REPORT);
            browser.find("button[data-action=delete]").click();
            browser.waiting(WAIT)
                    .until(d -> browser.findAll("p.error").stream()
                            .anyMatch(p -> p.getText().contains("still registered by live node")));
            browser.screenshot("15-delete-refused");
            String entry = client.scheduleOnce(
                    DemoJobs.DAILY_REPORT, "browser-delete", Instant.now().plus(Duration.ofDays(1)), null);
            browser.open(
                    base + "/job?name=" + java.net.URLEncoder.encode(entry, java.nio.charset.StandardCharsets.UTF_8));
            browser.find("button[data-action=delete]").click();
            waitForNotice("Deleted " + entry);
            assertThat(client.job(entry)).isEmpty();
            assertThat(client.auditLog(50))
                    .extracting(a -> a.action())
                    .contains("PAUSE", "RESUME", "RERUN", "CANCEL", "DELETE");
        });
    }

    private void logIn() {
        browser.find("input[name=username]").sendKeys(USER);
        browser.find("input[name=password]").sendKeys(PASSWORD);
        browser.find("button[data-action=login]").click();
        // Back to the page asked for (Spring Security may add '?continue' to it).
        browser.waiting(WAIT).until(d -> d.getCurrentUrl().matches(".*/lockcron/(\\?continue)?$"));
    }

    private void preview(String cron, String zone) {
        WebElement cronField = browser.find("input[data-field=cron]");
        cronField.clear();
        cronField.sendKeys(cron);
        WebElement zoneField = browser.find("input[data-field=zone]");
        zoneField.clear();
        zoneField.sendKeys(zone);
        browser.find("button[data-action=preview]").click();
    }

    private WebElement jobRow(String name) {
        return browser.findAll("tr[data-job]").stream()
                .filter(row -> name.equals(row.getAttribute("data-job")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row for job " + name));
    }

    private WebElement nodeRow(String nodeId) {
        return browser.find("tr[data-node=" + nodeId + "]");
    }

    private long number(String css) {
        String text = browser.find(css).getText().strip();
        return text.isEmpty() ? -1 : Long.parseLong(text);
    }

    private void waitForNotice(String text) {
        browser.waiting(WAIT)
                .until(d -> browser.findAll("p.notice").stream()
                        .anyMatch(p -> p.getText().contains(text)));
    }

    private void waitForChart(String canvasId) {
        browser.waiting(WAIT)
                .until(d -> Boolean.TRUE.equals(browser.script(
                        "return !!(window.Chart && Chart.getChart(document.getElementById(arguments[0])));",
                        canvasId)));
    }

    private void assertNoScriptRan() {
        assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(browser.driver().findElements(By.xpath("//script[contains(., 'pwned')]")))
                .isEmpty();
        assertThat(browser.driver().getTitle()).doesNotContain("owned");
    }

    private String runningOn(String job) {
        return client.job(job).map(JobInfo::runningOn).orElse(null);
    }

    private Optional<FailoverInfo> failover() {
        return client.failovers(10).stream()
                .filter(f -> f.jobName().equals(DemoJobs.FAILOVER_DEMO))
                .findFirst();
    }

    private static void waitFor(
            String what, Duration timeout, NodeProcess node, java.util.function.BooleanSupplier ok) {
        try {
            Wait.until(what, timeout, ok);
        } catch (AssertionError e) {
            throw new AssertionError(
                    e.getMessage() + "; node process alive: " + node.isAlive() + ", its output:\n" + node.output(), e);
        }
    }

    /** Runs one step of the story; a failing step leaves a screenshot named after it. */
    private void step(String name, ThrowingStep step) throws Exception {
        try {
            step.run();
        } catch (Exception | AssertionError e) {
            try {
                Path shot = browser.screenshot("failed-" + test + "-" + name.replaceAll("[^A-Za-z0-9]+", "-"));
                e.addSuppressed(new AssertionError("step '" + name + "' failed; screenshot " + shot.toAbsolutePath()
                        + ", page " + browser.driver().getCurrentUrl()));
            } catch (RuntimeException | java.io.IOException screenshotFailed) {
                e.addSuppressed(screenshotFailed);
            }
            throw e;
        }
    }

    @FunctionalInterface
    private interface ThrowingStep {
        void run() throws Exception;
    }
}
