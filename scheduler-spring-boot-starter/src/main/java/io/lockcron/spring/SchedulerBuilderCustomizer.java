package io.lockcron.spring;

import io.lockcron.SchedulerBuilder;

/**
 * Adjusts the {@link SchedulerBuilder} after the {@code lockcron.*} properties are applied and
 * before the {@code @ClusteredJob} jobs are added: add listeners or programmatic jobs, change
 * settings. Customizers run in {@link org.springframework.core.annotation.Order @Order}.
 */
@FunctionalInterface
public interface SchedulerBuilderCustomizer {
    void customize(SchedulerBuilder builder);
}
