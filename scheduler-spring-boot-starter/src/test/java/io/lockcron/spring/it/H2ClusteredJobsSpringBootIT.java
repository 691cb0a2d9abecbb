package io.lockcron.spring.it;

import io.lockcron.testing.H2TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** Without JPA, so the fires run through Boot's JDBC transaction manager (MariaDB's run through JPA's). */
@TestPropertySource(
        properties = "spring.autoconfigure.exclude="
                + "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration,"
                + "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration")
class H2ClusteredJobsSpringBootIT extends ClusteredJobsSpringBootIT {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        prepare(H2TestDatabase.named("lockcron_starter_test"), registry);
    }
}
