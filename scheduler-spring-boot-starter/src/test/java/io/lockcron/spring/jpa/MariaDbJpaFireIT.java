package io.lockcron.spring.jpa;

import io.lockcron.testing.MariaDbTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class MariaDbJpaFireIT extends JpaFireIT {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        prepare(MariaDbTestDatabase.named("lockcron_starter_jpa"), registry);
    }
}
