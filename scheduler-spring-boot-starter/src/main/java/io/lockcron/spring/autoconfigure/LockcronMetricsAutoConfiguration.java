package io.lockcron.spring.autoconfigure;

import io.lockcron.SchedulerClient;
import io.lockcron.spring.actuate.LockcronMetrics;
import io.lockcron.spring.job.JobNames;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * lockcron's Micrometer meters, where the application has a {@link MeterRegistry}. The meters are
 * a {@code SchedulerListener}, which the scheduler picks up with every other listener bean.
 */
@AutoConfiguration(
        after = LockcronAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
        })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({MeterRegistry.class, SchedulerClient.class, LockcronProperties.class})
public final class LockcronMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LockcronMetrics lockcronMetrics(
            SchedulerClient client, LockcronProperties properties, ObjectProvider<JobNames> names) {
        return new LockcronMetrics(
                client, properties.maxHeartbeatAge(), names.getIfAvailable(() -> new JobNames(List::of)));
    }
}
