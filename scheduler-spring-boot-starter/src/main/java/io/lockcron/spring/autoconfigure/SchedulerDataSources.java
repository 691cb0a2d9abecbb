package io.lockcron.spring.autoconfigure;

import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;

/** Which DataSource lockcron uses: the one marked {@code @SchedulerDataSource}, else the application's only or primary one. */
final class SchedulerDataSources {
    private SchedulerDataSources() {}

    static DataSource resolve(ObjectProvider<DataSource> marked, ObjectProvider<DataSource> all) {
        DataSource dataSource = marked.getIfAvailable();
        if (dataSource == null) {
            dataSource = all.getIfUnique();
        }
        if (dataSource == null) {
            throw new IllegalStateException("lockcron needs a DataSource, and found "
                    + (all.stream().findAny().isPresent() ? "several without a primary one" : "none")
                    + ". Configure spring.datasource.url (with a MySQL, MariaDB, PostgreSQL or H2 driver on the"
                    + " classpath), mark the scheduler's DataSource bean with @SchedulerDataSource, or set"
                    + " lockcron.enabled=false.");
        }
        return dataSource;
    }
}
