package io.lockcron.spring;

import io.lockcron.spring.autoconfigure.LockcronAutoConfiguration;
import io.lockcron.spring.autoconfigure.LockcronEndpointAutoConfiguration;
import io.lockcron.spring.autoconfigure.LockcronHealthAutoConfiguration;
import io.lockcron.spring.autoconfigure.LockcronMetricsAutoConfiguration;
import io.lockcron.spring.autoconfigure.LockcronShedLockAutoConfiguration;
import java.util.UUID;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Application contexts on a fresh in-memory H2 each, with lockcron's auto-configurations. */
final class ContextRunners {
    private ContextRunners() {}

    static ApplicationContextRunner h2() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        PropertyPlaceholderAutoConfiguration.class,
                        DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class,
                        LockcronAutoConfiguration.class,
                        LockcronHealthAutoConfiguration.class,
                        LockcronEndpointAutoConfiguration.class,
                        LockcronMetricsAutoConfiguration.class,
                        LockcronShedLockAutoConfiguration.class))
                .withPropertyValues(
                        "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "management.endpoints.access.default=UNRESTRICTED",
                        "management.endpoints.web.exposure.include=*",
                        "management.endpoints.jmx.exposure.include=*");
    }
}
