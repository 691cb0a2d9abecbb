package io.lockcron.admin.e2e;

import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.Scheduler;
import io.lockcron.SchedulerClient;
import io.lockcron.admin.testing.ConsoleDatabase;
import io.lockcron.admin.testing.DemoJobs;
import java.time.Duration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A service that runs lockcron jobs and embeds the console, as a team would: its DataSource, a
 * running node with the demo jobs, and the node's {@link SchedulerClient} as a bean (what the
 * starter provides), which the console then uses.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class DemoClusterApp {
    public static final String NODE_ID = "app-node";

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource() {
        return ConsoleDatabase.mariaDb().pool(14);
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    Scheduler scheduler(HikariDataSource dataSource) {
        return Scheduler.builder(dataSource)
                .nodeId(NODE_ID)
                .pollInterval(Duration.ofMillis(300))
                .shutdownTimeout(Duration.ofSeconds(5))
                .jobs(DemoJobs.all(Duration.ofSeconds(2)))
                .build();
    }

    @Bean
    SchedulerClient schedulerClient(Scheduler scheduler) {
        return scheduler.client();
    }
}
