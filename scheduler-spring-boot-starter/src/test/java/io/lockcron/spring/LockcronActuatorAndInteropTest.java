package io.lockcron.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockcron.shedlock.LockcronLockProvider;
import io.lockcron.spring.actuate.LockcronEndpoint;
import io.lockcron.spring.actuate.LockcronHealthIndicator;
import io.lockcron.spring.actuate.LockcronMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Health, endpoint, metrics and the ShedLock provider: present when their libraries are, absent or replaced otherwise. */
class LockcronActuatorAndInteropTest {
    private final ApplicationContextRunner runner = ContextRunners.h2();

    @Test
    void healthIsUpForARunningRegisteredNode() {
        runner.run(context -> {
            var health = context.getBean(LockcronHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("state", "ACTIVE").containsEntry("activeNodes", 1L);
        });
    }

    @Test
    void healthIsOutOfServiceOnceTheNodeStopped() {
        runner.run(context -> {
            context.getBean(io.lockcron.Scheduler.class).stop();
            assertThat(context.getBean(LockcronHealthIndicator.class).health().getStatus())
                    .isEqualTo(Status.OUT_OF_SERVICE);
        });
    }

    @Test
    void noHealthIndicatorWithoutSpringBootHealth() {
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).doesNotHaveBean(LockcronHealthIndicator.class));
    }

    @Test
    void endpointListsJobsAndTriggersOne() {
        runner.withUserConfiguration(OnDemandJob.class).run(context -> {
            LockcronEndpoint endpoint = context.getBean(LockcronEndpoint.class);
            assertThat(endpoint.cluster().jobs()).extracting("name").containsExactly("report");
            // An on-demand job's fires follow from requests, not a schedule: nothing expected, the promise kept.
            assertThat(endpoint.cluster().promiseLastHour().kept()).isTrue();
            assertThat(endpoint.cluster().promiseLastHour().jobs())
                    .singleElement()
                    .satisfies(p -> assertThat(p.notAudited()).contains("ON_DEMAND"));
            assertThat(endpoint.job("missing")).isNull();

            assertThat(endpoint.trigger("report")).isNotNull();

            assertThat(endpoint.job("report").job().triggerRequestedAt()).isNotNull();
            assertThat(context.getBean(io.lockcron.SchedulerClient.class).auditLog(10))
                    .singleElement()
                    .satisfies(event -> assertThat(event.action()).isEqualTo("TRIGGER"));
        });
    }

    @Test
    void metricsBindToTheApplicationsRegistry() {
        runner.withUserConfiguration(Registry.class).run(context -> {
            assertThat(context).hasSingleBean(LockcronMetrics.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            context.getBean(LockcronMetrics.class).bindTo(registry);
            assertThat(registry.get("lockcron.nodes.active").gauge().value()).isEqualTo(1.0);
        });
    }

    @Test
    void noMetricsWithoutARegistry() {
        runner.run(context -> assertThat(context).doesNotHaveBean(LockcronMetrics.class));
    }

    @Test
    void providesAShedLockLockProviderOnLockcronsTables() {
        runner.run(context -> {
            LockProvider provider = context.getBean(LockProvider.class);
            assertThat(provider).isInstanceOf(LockcronLockProvider.class);
            var lock = provider.lock(
                    new LockConfiguration(Instant.now(), "nightly", Duration.ofMinutes(1), Duration.ZERO));
            assertThat(lock).isPresent();
            assertThat(context.getBean(io.lockcron.SchedulerClient.class).job("shedlock:nightly"))
                    .isPresent();
            lock.get().unlock();
        });
    }

    @Test
    void backsOffFromTheApplicationsOwnLockProvider() {
        runner.withUserConfiguration(OwnLockProvider.class)
                .run(context -> assertThat(context.getBean(LockProvider.class)).isSameAs(OwnLockProvider.PROVIDER));
    }

    @Test
    void noLockProviderWithoutShedLock() {
        runner.withClassLoader(new FilteredClassLoader(LockProvider.class))
                .run(context -> assertThat(context).doesNotHaveBean(LockcronLockProvider.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class OnDemandJob {
        @Bean
        io.lockcron.job.JobDefinition report() {
            // Never fires by itself; triggered below, it would run once.
            return io.lockcron.job.JobDefinition.builder("report")
                    .onDemand()
                    .handler(ctx -> Thread.sleep(0))
                    .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Registry {
        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnLockProvider {
        static final LockProvider PROVIDER = configuration -> java.util.Optional.empty();

        @Bean
        LockProvider ownLockProvider() {
            return PROVIDER;
        }
    }
}
