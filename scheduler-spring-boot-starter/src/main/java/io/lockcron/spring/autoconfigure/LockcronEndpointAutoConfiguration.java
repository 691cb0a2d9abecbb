package io.lockcron.spring.autoconfigure;

import io.lockcron.Scheduler;
import io.lockcron.spring.actuate.LockcronEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The {@code lockcron} Actuator endpoint, when it is enabled and exposed. */
@AutoConfiguration(after = LockcronAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(Scheduler.class)
@ConditionalOnAvailableEndpoint(LockcronEndpoint.class)
public final class LockcronEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LockcronEndpoint lockcronEndpoint(Scheduler scheduler) {
        return new LockcronEndpoint(scheduler);
    }
}
