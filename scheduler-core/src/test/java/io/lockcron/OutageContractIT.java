package io.lockcron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.job.JobDefinition;
import io.lockcron.testing.DatabaseIT;
import io.lockcron.testing.Effects;
import io.lockcron.testing.FireChecker;
import io.lockcron.testing.TcpProxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The database goes away mid-run and comes back: firing pauses, resumes, records nothing twice. */
public abstract class OutageContractIT extends DatabaseIT {

    @Test
    void firingPausesWhileTheDatabaseIsAwayAndResumesAfter() throws Exception {
        List<Boolean> availability = new CopyOnWriteArrayList<>();
        try (TcpProxy proxy = TcpProxy.in(database());
                HikariDataSource viaProxy = proxiedPool(proxy)) {
            Scheduler proxied = Scheduler.builder(viaProxy)
                    .nodeId("n1")
                    .pollInterval(Duration.ofMillis(300))
                    .misfireThreshold(Duration.ofSeconds(1))
                    .listener(new SchedulerListener() {
                        @Override
                        public void databaseAvailability(boolean down) {
                            availability.add(down);
                        }
                    })
                    .job(JobDefinition.builder("steady")
                            .cron("* * * * * ?")
                            .handler(ctx -> {
                                Effects.inTransaction(ctx);
                                effects.autocommit(ctx);
                            })
                            .build())
                    .build();
            proxied.start();
            try {
                Instant started = Instant.now();
                await().atMost(DatabaseIT.WAIT).until(() -> effects.count("steady", Effects.TX) >= 3);

                proxy.cut();
                Instant cut = Instant.now();
                Thread.sleep(5000);
                proxy.restore();
                Instant restored = Instant.now();

                await().atMost(DatabaseIT.WAIT)
                        .until(() -> new FireChecker(jdbi, effects)
                                        .fireTimes("steady").stream()
                                                .filter(f -> f.isAfter(restored.plusSeconds(2)))
                                                .count()
                                >= 2);
                assertThat(proxied.isRunning()).isTrue();
                assertThat(availability).startsWith(true).contains(false);

                List<Instant> fires = new FireChecker(jdbi, effects).fireTimes("steady");
                assertThat(fires).doesNotHaveDuplicates();
                assertThat(fires).anyMatch(f -> f.isBefore(cut) && f.isAfter(started));
                long duringOutage = fires.stream()
                        .filter(f -> f.isAfter(cut.plusSeconds(1)) && f.isBefore(restored.minusSeconds(1)))
                        .count();
                assertThat(duringOutage)
                        .as("missed fires collapse into one (FIRE_ONCE_NOW)")
                        .isLessThanOrEqualTo(1);
                assertThat(effects.fires("steady", Effects.TX))
                        .containsExactlyElementsOf(
                                fires.stream().map(Instant::toString).toList());
            } finally {
                proxied.stop();
            }
            new FireChecker(jdbi, effects).assertNoBodyRanTwice();
        }
    }

    private HikariDataSource proxiedPool(TcpProxy proxy) {
        HikariDataSource direct = nodes.pool(1);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(proxy.rewrite(database().url()));
        config.setUsername(direct.getUsername());
        config.setPassword(direct.getPassword());
        config.setConnectionInitSql(direct.getConnectionInitSql());
        config.setMaximumPoolSize(10);
        config.setConnectionTimeout(2000);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }
}
