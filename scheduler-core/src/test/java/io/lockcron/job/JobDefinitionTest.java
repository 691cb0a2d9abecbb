package io.lockcron.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lockcron.InvalidJobException;
import io.lockcron.Scheduler;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class JobDefinitionTest {

    @Test
    void badInputNamesTheJobTheValueAndTheFix() {
        assertThatThrownBy(() -> JobDefinition.builder("invoices").cron("0 0 25 * * ?"))
                .isInstanceOf(InvalidJobException.class)
                .hasMessageStartingWith("Job 'invoices': invalid cron expression '0 0 25 * * ?'");
        assertThatThrownBy(() -> JobDefinition.builder("invoices").cron("0 0 6 * * ?", "Europe/Berlinn"))
                .hasMessageStartingWith("Job 'invoices': unknown time zone 'Europe/Berlinn'")
                .hasMessageContaining("Europe/Berlin");
        assertThatThrownBy(() -> JobDefinition.builder("invoices").retry(0, Duration.ZERO))
                .hasMessageStartingWith("Job 'invoices': max attempts must be at least 1, was 0");
        assertThatThrownBy(() ->
                        JobDefinition.builder("invoices").handler(ctx -> {}).build())
                .hasMessageContaining("Job 'invoices' has no trigger")
                .hasMessageContaining("cron(...)");
        assertThatThrownBy(() ->
                        JobDefinition.builder(" ").onDemand().handler(ctx -> {}).build())
                .hasMessageContaining("non-blank name");
        assertThatThrownBy(() -> JobDefinition.builder("x".repeat(191))
                        .onDemand()
                        .handler(ctx -> {})
                        .build())
                .hasMessageContaining("at most 190");
    }

    @Test
    void twoJobsWithOneNameAreRefusedBeforeAnythingStarts() {
        JdbcDataSource unused = new JdbcDataSource();
        unused.setURL("jdbc:h2:mem:never-opened");
        JobDefinition a =
                JobDefinition.builder("sync").onDemand().handler(ctx -> {}).build();
        JobDefinition b = JobDefinition.builder("sync")
                .fixedRate(Duration.ofSeconds(1))
                .handler(ctx -> {})
                .build();
        assertThatThrownBy(() -> Scheduler.builder(unused).job(a).job(b).build())
                .isInstanceOf(InvalidJobException.class)
                .hasMessageContaining("Two jobs are named 'sync'")
                .hasMessageContaining("rename one");
    }

    @Test
    void aJobThatCouldNeverRunIsRefused() {
        assertThatThrownBy(() -> JobDefinition.builder("leap-day-2020")
                        .cron("0 0 0 29 2 ? 2020")
                        .handler(ctx -> {})
                        .build())
                .isInstanceOf(InvalidJobException.class)
                .hasMessageContaining("Job 'leap-day-2020'")
                .hasMessageContaining("'0 0 0 29 2 ? 2020'")
                .hasMessageContaining("never fires again");
        assertThatThrownBy(() -> JobDefinition.builder("too-fast").fixedRate(Duration.ofNanos(500)))
                .hasMessageContaining("Job 'too-fast'")
                .hasMessageContaining("at least 1 ms");
    }

    @Test
    void aNodeIdMustFitTheNodeTable() {
        JdbcDataSource unused = new JdbcDataSource();
        assertThatThrownBy(() -> Scheduler.builder(unused).nodeId("n".repeat(101)))
                .hasMessageContaining("1 to 100 characters");
        assertThat(io.lockcron.internal.node.NodeConfig.defaultNodeId())
                .isNotEqualTo(io.lockcron.internal.node.NodeConfig.defaultNodeId())
                .hasSizeLessThanOrEqualTo(100);
    }

    @Test
    void backoffDoublesUpToAnHour() {
        RetryPolicy policy = RetryPolicy.of(20, Duration.ofSeconds(10));
        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(policy.delayAfter(19)).isEqualTo(RetryPolicy.MAX_BACKOFF);
    }
}
