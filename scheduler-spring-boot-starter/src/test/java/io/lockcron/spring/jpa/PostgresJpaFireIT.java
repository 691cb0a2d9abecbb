package io.lockcron.spring.jpa;

import io.lockcron.testing.PostgresTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class PostgresJpaFireIT extends JpaFireIT {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        prepare(PostgresTestDatabase.named("lockcron_starter_jpa"), registry);
    }
}
