package io.lockcron.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockcron.Scheduler;
import io.lockcron.SchedulerClient;
import io.lockcron.job.JobContext;
import io.lockcron.spring.autoconfigure.LockcronAutoConfiguration;
import io.lockcron.spring.autoconfigure.LockcronEndpointAutoConfiguration;
import io.lockcron.spring.autoconfigure.LockcronHealthAutoConfiguration;
import io.lockcron.spring.autoconfigure.LockcronMetricsAutoConfiguration;
import io.lockcron.spring.autoconfigure.LockcronShedLockAutoConfiguration;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/** When the starter starts a node, and what it finds to run. */
class LockcronStartupConditionsTest {
    static final AtomicInteger LAZY_RUNS = new AtomicInteger();

    @Test
    void backsOffWithoutADataSourceInsteadOfFailingTheStartup() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        LockcronAutoConfiguration.class,
                        LockcronHealthAutoConfiguration.class,
                        LockcronEndpointAutoConfiguration.class,
                        LockcronMetricsAutoConfiguration.class,
                        LockcronShedLockAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(Scheduler.class);
                    assertThat(context).doesNotHaveBean(SchedulerClient.class);
                });
    }

    @Test
    void findsAndRunsClusteredJobsUnderLazyInitialization() {
        LAZY_RUNS.set(0);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LazyApp.class)
                .properties(
                        "spring.main.lazy-initialization=true",
                        "spring.main.web-application-type=none",
                        "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "spring.autoconfigure.exclude="
                                + "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration,"
                                + "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration",
                        "lockcron.poll-interval=200ms")
                .run()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> LAZY_RUNS.get() >= 1);
            assertThat(context.getBean(SchedulerClient.class).job("lazy-job")).isPresent();
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(LazyJobs.class)
    static class LazyApp {}

    static class LazyJobs {
        @ClusteredJob(name = "lazy-job", fixedRate = "200ms")
        void run(JobContext ctx) {
            LAZY_RUNS.incrementAndGet();
        }
    }
}
