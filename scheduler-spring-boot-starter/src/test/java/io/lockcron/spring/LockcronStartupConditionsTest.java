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
import java.util.concurrent.atomic.AtomicReference;
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

    @Test
    void runsFiresOnVirtualThreadsWhenSpringThreadsVirtualIsEnabledOnJava21OrLater() {
        WORKER.set(null);
        ContextRunners.h2()
                .withBean(ThreadJob.class)
                .withPropertyValues("spring.threads.virtual.enabled=true", "lockcron.poll-interval=200ms")
                .run(context -> {
                    await().atMost(Duration.ofSeconds(30)).until(() -> WORKER.get() != null);
                    boolean virtualThreads = Runtime.version().feature() >= 21;
                    assertThat(isVirtual(WORKER.get()))
                            .as("virtual threads exist from Java 21 on; this is Java %s", Runtime.version())
                            .isEqualTo(virtualThreads);
                    if (!virtualThreads) {
                        assertThat(WORKER.get().getName()).startsWith("lockcron-worker-");
                    }
                });
    }

    /** Thread.isVirtual() is Java 21 API; the project compiles for 17. */
    private static boolean isVirtual(Thread thread) throws Exception {
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(thread);
        } catch (NoSuchMethodException beforeJava21) {
            return false;
        }
    }

    static final AtomicReference<Thread> WORKER = new AtomicReference<>();

    static class ThreadJob {
        @ClusteredJob(name = "thread-job", fixedRate = "200ms")
        void run(JobContext ctx) {
            WORKER.compareAndSet(null, Thread.currentThread());
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
