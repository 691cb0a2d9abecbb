package io.lockcron.admin.api;

import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.admin.testing.ConsoleDatabase;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A host application with a DataSource on MariaDB and no {@code SchedulerClient} bean: the
 * console creates its own client on the DataSource.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ApiTestApp {

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource() {
        return ConsoleDatabase.mariaDb().pool(6);
    }
}
