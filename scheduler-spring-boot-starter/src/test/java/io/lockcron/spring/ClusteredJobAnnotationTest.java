package io.lockcron.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockcron.JobInfo;
import io.lockcron.SchedulerClient;
import io.lockcron.job.ExecutionMode;
import io.lockcron.job.JobContext;
import io.lockcron.trigger.MisfirePolicy;
import io.lockcron.trigger.TriggerType;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** How @ClusteredJob attributes become jobs, and how a bad one fails the startup. */
class ClusteredJobAnnotationTest {
    private final ApplicationContextRunner runner = ContextRunners.h2();

    @Test
    void registersEachAttributeWithPlaceholdersResolved() {
        runner.withBean("annotated", Annotated.class)
                .withPropertyValues("billing.cron=0 0 6 * * ?", "billing.enabled=false")
                .run(context -> {
                    SchedulerClient client = context.getBean(SchedulerClient.class);
                    JobInfo invoices = client.job("invoices").orElseThrow();
                    assertThat(invoices.triggerType()).isEqualTo(TriggerType.CRON);
                    assertThat(invoices.triggerValue()).isEqualTo("0 0 6 * * ?");
                    assertThat(invoices.zone()).isEqualTo("Europe/Berlin");
                    assertThat(invoices.misfirePolicy()).isEqualTo(MisfirePolicy.SKIP);
                    assertThat(invoices.maxAttempts()).isEqualTo(3);
                    assertThat(invoices.mode()).isEqualTo(ExecutionMode.LEASE);

                    JobInfo sync = client.job("annotated.sync").orElseThrow(); // name from bean and method
                    assertThat(sync.triggerType()).isEqualTo(TriggerType.FIXED_RATE);
                    assertThat(sync.triggerValue()).isEqualTo("PT30S");
                    assertThat(sync.mode()).isEqualTo(ExecutionMode.TRANSACTIONAL);

                    assertThat(client.job("annotated.onDemand").orElseThrow().triggerType())
                            .isEqualTo(TriggerType.ON_DEMAND);
                    assertThat(client.job("disabled")).isEmpty();
                });
    }

    static Stream<Arguments> invalidJobs() {
        return Stream.of(
                Arguments.of(BadCron.class, "cron", "0 0 25 * * ?"),
                Arguments.of(BadZone.class, "zone", "Mars/Olympus"),
                Arguments.of(BadDuration.class, "fixedRate", "5 minutes"),
                Arguments.of(ZeroRate.class, "fixedRate", "0s"),
                Arguments.of(NoSchedule.class, "cron", null),
                Arguments.of(TwoSchedules.class, "cron, fixedDelay", null),
                Arguments.of(InitialDelayWithCron.class, "initialDelay", "10s"),
                Arguments.of(UnresolvedPlaceholder.class, "fixedDelay", "${nowhere.defined}"),
                Arguments.of(BadAttempts.class, "maxAttempts", "0"),
                Arguments.of(NegativeTimeout.class, "timeout", "-1s"),
                Arguments.of(BadEnabled.class, "enabled", "yes"),
                Arguments.of(WrongParameter.class, "method", null),
                Arguments.of(ReturnsValue.class, "method", null),
                Arguments.of(DuplicateName.class, "name", "twice"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidJobs")
    void anInvalidAnnotationFailsStartupNamingBeanMethodAttributeAndValue(
            Class<?> bean, String attribute, String value) {
        runner.withBean("job", bean).run(context -> {
            assertThat(context).hasFailed();
            assertThat(invalidJob(context.getStartupFailure())).satisfies(e -> {
                assertThat(e.beanName()).isEqualTo("job");
                assertThat(e.method()).startsWith(bean.getSimpleName() + ".");
                assertThat(e.attribute()).isEqualTo(attribute);
                assertThat(e.value()).isEqualTo(value);
                assertThat(e.getMessage())
                        .contains("bean 'job'", bean.getSimpleName() + ".", attribute)
                        .contains(value == null ? "" : value);
            });
        });
    }

    private static InvalidClusteredJobException invalidJob(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidClusteredJobException invalid) {
                return invalid;
            }
        }
        throw new AssertionError("no InvalidClusteredJobException in " + failure, failure);
    }

    static class Annotated {
        @ClusteredJob(
                name = "invoices",
                cron = "${billing.cron}",
                zone = "Europe/Berlin",
                misfire = MisfirePolicy.SKIP,
                maxAttempts = 3,
                backoff = "10s",
                timeout = "PT5M",
                mode = ExecutionMode.LEASE)
        void invoices(JobContext ctx) {}

        @ClusteredJob(fixedRate = "${billing.sync:30s}", initialDelay = "1m")
        void sync() {}

        @ClusteredJob(onDemand = true)
        void onDemand() {}

        @ClusteredJob(name = "disabled", fixedDelay = "1s", enabled = "${billing.enabled}")
        void disabled() {}
    }

    static class BadCron {
        @ClusteredJob(cron = "0 0 25 * * ?")
        void run() {}
    }

    static class BadZone {
        @ClusteredJob(cron = "0 0 6 * * ?", zone = "Mars/Olympus")
        void run() {}
    }

    static class BadDuration {
        @ClusteredJob(fixedRate = "5 minutes")
        void run() {}
    }

    static class ZeroRate {
        @ClusteredJob(fixedRate = "0s")
        void run() {}
    }

    static class NoSchedule {
        @ClusteredJob
        void run() {}
    }

    static class TwoSchedules {
        @ClusteredJob(cron = "0 0 6 * * ?", fixedDelay = "1m")
        void run() {}
    }

    static class InitialDelayWithCron {
        @ClusteredJob(cron = "0 0 6 * * ?", initialDelay = "10s")
        void run() {}
    }

    static class UnresolvedPlaceholder {
        @ClusteredJob(fixedDelay = "${nowhere.defined}")
        void run() {}
    }

    static class BadAttempts {
        @ClusteredJob(fixedDelay = "1m", maxAttempts = 0)
        void run() {}
    }

    static class NegativeTimeout {
        @ClusteredJob(fixedDelay = "1m", timeout = "-1s")
        void run() {}
    }

    static class BadEnabled {
        @ClusteredJob(fixedDelay = "1m", enabled = "yes")
        void run() {}
    }

    static class WrongParameter {
        @ClusteredJob(fixedDelay = "1m")
        void run(String text) {}
    }

    static class ReturnsValue {
        @ClusteredJob(fixedDelay = "1m")
        String run() {
            return "";
        }
    }

    static class DuplicateName {
        @ClusteredJob(name = "twice", fixedDelay = "1m")
        void first() {}

        @ClusteredJob(name = "twice", fixedDelay = "2m")
        void second() {}
    }
}
