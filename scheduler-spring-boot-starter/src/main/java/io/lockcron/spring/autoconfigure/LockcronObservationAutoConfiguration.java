package io.lockcron.spring.autoconfigure;

import io.lockcron.job.JobInvoker;
import io.lockcron.spring.SchedulerBuilderCustomizer;
import io.lockcron.spring.job.JobNames;
import io.lockcron.spring.observation.ObservedJobInvoker;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/** Each fire's body as a Micrometer {@code Observation}, where the application has an {@link ObservationRegistry}. */
@AutoConfiguration(
        after = LockcronAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean({ObservationRegistry.class, JobInvoker.class, JobNames.class})
public final class LockcronObservationAutoConfiguration {

    /** First of the customizers, so an application's own customizer can still replace the invoker. */
    @Bean
    @Order(Integer.MIN_VALUE)
    SchedulerBuilderCustomizer lockcronObservation(JobInvoker invoker, ObservationRegistry registry, JobNames names) {
        return builder -> builder.jobInvoker(new ObservedJobInvoker(invoker, registry, names));
    }
}
