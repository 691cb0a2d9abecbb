package io.lockcron;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.job.JobDefinition;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** A database that is not there fails the start with a message that says what to check. */
class StartupErrorsTest {

    @Test
    void anUnreachableDatabaseFailsTheStartClearly() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:mysql://127.0.0.1:" + port + "/nowhere?connectTimeout=1000");
        config.setUsername("root");
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(2000);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            assertThatThrownBy(() -> Scheduler.builder(dataSource)
                            .job(JobDefinition.builder("a")
                                    .onDemand()
                                    .handler(ctx -> {})
                                    .build())
                            .build()
                            .start())
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageContaining("Cannot reach the scheduler's database")
                    .hasMessageContaining("Check the JDBC URL, the credentials and that the server is running");
        }
    }
}
