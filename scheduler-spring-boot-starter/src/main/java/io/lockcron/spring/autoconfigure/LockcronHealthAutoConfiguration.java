package io.lockcron.spring.autoconfigure;

import io.lockcron.Scheduler;
import io.lockcron.spring.actuate.LockcronHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** The "lockcron" health indicator, where Spring Boot's health support is on the classpath. */
@AutoConfiguration(after = LockcronAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean({Scheduler.class, LockcronProperties.class})
@ConditionalOnEnabledHealthIndicator("lockcron")
public final class LockcronHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "lockcronHealthIndicator")
    LockcronHealthIndicator lockcronHealthIndicator(Scheduler scheduler, LockcronProperties properties) {
        return new LockcronHealthIndicator(scheduler, properties.maxHeartbeatAge());
    }
}
