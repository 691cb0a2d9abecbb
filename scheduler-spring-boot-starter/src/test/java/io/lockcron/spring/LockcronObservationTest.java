package io.lockcron.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockcron.SchedulerClient;
import io.lockcron.job.JobContext;
import io.lockcron.spring.actuate.LockcronMetrics;
import io.lockcron.spring.autoconfigure.LockcronObservationAutoConfiguration;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.AutoConfigurations;

/** What a fire shows to tracing, metrics and logs: its job, never an unbounded one-shot instance as a tag. */
class LockcronObservationTest {
    static final List<Map<String, String>> MDCS = new CopyOnWriteArrayList<>();

    @Test
    void eachFireIsObservedWithItsJobAsALowCardinalityKeyAndAOneShotInstanceAsAHighOne() {
        List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }
        });
        MDCS.clear();
        ContextRunners.h2()
                .withConfiguration(AutoConfigurations.of(LockcronObservationAutoConfiguration.class))
                .withBean(ObservationRegistry.class, () -> observations)
                .withBean(SimpleMeterRegistry.class)
                .withBean(ObservedJobs.class)
                .withPropertyValues("lockcron.poll-interval=200ms")
                .run(context -> {
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    context.getBean(LockcronMetrics.class)
                            .bindTo(meters); // Boot's metrics auto-configuration does this
                    SchedulerClient client = context.getBean(SchedulerClient.class);
                    client.triggerNow("observed");
                    client.scheduleOnce("observed", "order-42", client.now(), null);
                    await().atMost(Duration.ofSeconds(30)).until(() -> stopped.size() >= 2 && MDCS.size() >= 2);

                    assertThat(stopped).allSatisfy(observation -> {
                        assertThat(observation.getName()).isEqualTo("lockcron.fire");
                        assertThat(observation.getLowCardinalityKeyValues())
                                .contains(KeyValue.of("job", "observed"))
                                .noneMatch(kv -> kv.getValue().contains("order-42"));
                    });
                    assertThat(stopped)
                            .extracting(observation -> observation
                                    .getHighCardinalityKeyValue("instance")
                                    .getValue())
                            .containsExactlyInAnyOrder("", "order-42");
                    assertThat(MDCS)
                            .extracting(mdc -> mdc.get("lockcron.job"))
                            .containsExactlyInAnyOrder("observed", "observed:order-42");
                    assertThat(MDCS)
                            .allSatisfy(mdc -> assertThat(mdc)
                                    .containsKeys("lockcron.fireTime", "lockcron.attempt", "lockcron.fencingToken")
                                    .satisfies(m -> assertThat(m.get("lockcron.fencingToken"))
                                            .isEqualTo(m.get("issued"))
                                            .isNotEqualTo("0")));

                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> meters.find("lockcron.executions")
                                                    .tag("job", "observed")
                                                    .timer()
                                            != null
                                    && meters.get("lockcron.executions")
                                                    .tag("job", "observed")
                                                    .timer()
                                                    .count()
                                            >= 2);
                    assertThat(meters.getMeters())
                            .as("no meter is tagged with a one-shot instance")
                            .allSatisfy(meter -> assertThat(meter.getId().getTags())
                                    .noneMatch(tag -> tag.getValue().contains("order-42")));
                });
    }

    static class ObservedJobs {
        @ClusteredJob(name = "observed", onDemand = true)
        void run(JobContext ctx) {
            long token = ctx.fencingToken(); // issued on demand: from then on the job's log lines carry it
            Map<String, String> mdc = new java.util.HashMap<>(MDC.getCopyOfContextMap());
            mdc.put("issued", Long.toString(token));
            MDCS.add(mdc);
        }
    }
}
