package io.lockcron.admin.testing;

import io.lockcron.job.JobDefinition;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The jobs of the console tests' application: a few ordinary ones, one that always fails with an
 * error text that is HTML, one whose name is a script tag, and one that only a trigger fires.
 */
public final class DemoJobs {
    /** Fires only when triggered: cron at 06:00 Berlin time, which no test run reaches. */
    public static final String DAILY_REPORT = "daily-report";

    public static final String SYNC_INVENTORY = "sync-inventory";
    public static final String SEND_INVOICES = "send-invoices";
    public static final String FLAKY_IMPORT = "flaky-import";
    /** A job name a careless console would run as script. */
    public static final String HOSTILE_NAME = "<script>alert('pwned')</script>";
    /** An error text a careless console would render as an image with a script. */
    public static final String HOSTILE_ERROR = "upstream answered 502 for <img src=x onerror=alert('xss')> batch";

    private DemoJobs() {}

    public static List<JobDefinition> all(Duration fastRate) {
        return List.of(
                // Long enough that a browser sees it running before it succeeds.
                JobDefinition.builder(DAILY_REPORT)
                        .cron("0 0 6 * * ?", "Europe/Berlin")
                        .handler(ctx -> sleep(1200, 1800))
                        .build(),
                JobDefinition.builder(SYNC_INVENTORY)
                        .fixedRate(fastRate)
                        .handler(ctx -> sleep(50, 600))
                        .build(),
                JobDefinition.builder(SEND_INVOICES)
                        .cron("0 */10 * * * ?", "Europe/Berlin")
                        .handler(ctx -> sleep(100, 300))
                        .build(),
                JobDefinition.builder(FLAKY_IMPORT)
                        .fixedRate(fastRate.multipliedBy(3))
                        .handler(ctx -> {
                            sleep(20, 80);
                            throw new IllegalStateException(HOSTILE_ERROR);
                        })
                        .build(),
                JobDefinition.builder(HOSTILE_NAME)
                        .onDemand()
                        .handler(ctx -> sleep(10, 50))
                        .build());
    }

    /**
     * A job over at once that never touches its transaction nor asks for its fencing token: its
     * fires commit with no attempt on record, their execution (fencing token 0) their only record.
     */
    public static final String QUICK_CHECK = "quick-check";

    public static JobDefinition quickCheck(Duration rate) {
        return JobDefinition.builder(QUICK_CHECK)
                .fixedRate(rate)
                .handler(ctx -> {})
                .build();
    }

    /** The job a killed node process loses mid-fire: fires at once, then hourly. */
    public static final String FAILOVER_DEMO = "failover-demo";

    /** The failover job with {@code handler}: the doomed node's blocks, the survivor's returns. */
    public static JobDefinition failoverDemo(io.lockcron.job.JobHandler handler) {
        return JobDefinition.builder(FAILOVER_DEMO)
                .fixedRate(Duration.ofHours(1))
                .handler(handler)
                .build();
    }

    private static void sleep(int minMillis, int maxMillis) throws InterruptedException {
        Thread.sleep(ThreadLocalRandom.current().nextInt(minMillis, maxMillis));
    }
}
