/**
 * lockcron for Spring Boot: {@link io.lockcron.spring.ClusteredJob @ClusteredJob} on bean methods,
 * {@link io.lockcron.spring.SchedulerDataSource @SchedulerDataSource} and
 * {@link io.lockcron.spring.SchedulerBuilderCustomizer} to adjust what auto-configuration builds.
 */
@NullMarked
package io.lockcron.spring;

import org.jspecify.annotations.NullMarked;
