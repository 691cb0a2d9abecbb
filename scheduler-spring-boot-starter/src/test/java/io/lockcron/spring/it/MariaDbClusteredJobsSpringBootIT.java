package io.lockcron.spring.it;

import io.lockcron.testing.MariaDbTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class MariaDbClusteredJobsSpringBootIT extends ClusteredJobsSpringBootIT {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        prepare(MariaDbTestDatabase.named("lockcron_starter_test"), registry);
    }
}
