package io.lockcron.admin.standalone;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Stops the standalone console at once when no database is named. Spring Boot would otherwise
 * start an empty in-memory H2 database, and the console would show an empty cluster instead of
 * saying what is missing.
 */
final class DatabaseRequired implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (!event.getEnvironment().containsProperty("spring.datasource.url")) {
            throw new IllegalStateException("The standalone lockcron console needs the cluster's database: start it"
                    + " with --spring.datasource.url=jdbc:mysql://HOST:3306/DB (or jdbc:postgresql://...) and"
                    + " --spring.datasource.username=... --spring.datasource.password=..., or set"
                    + " SPRING_DATASOURCE_URL and friends in the environment.");
        }
    }
}
