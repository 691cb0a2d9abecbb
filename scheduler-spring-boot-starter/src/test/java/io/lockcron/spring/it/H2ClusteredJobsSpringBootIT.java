package io.lockcron.spring.it;

import io.lockcron.testing.H2TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class H2ClusteredJobsSpringBootIT extends ClusteredJobsSpringBootIT {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        prepare(H2TestDatabase.named("lockcron_starter_test"), registry);
    }
}
