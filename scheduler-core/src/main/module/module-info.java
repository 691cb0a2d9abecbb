/**
 * lockcron's core: the scheduler, its client, jobs, triggers, the schema API and the small SPI for
 * extensions. Only these packages are exported; {@code io.lockcron.internal.*} (the node, the fire
 * protocol, the stores) is not. On the class path, as most applications use it, this descriptor is
 * ignored and the build's api-boundary check keeps the other modules off the internals instead.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"}) // Quartz and JDBI name themselves
module io.lockcron.core {
    requires transitive java.sql;
    requires transitive org.jdbi.v3.core; // JobContext hands jobs a JDBI Handle
    requires org.quartz; // CronExpression, behind io.lockcron.trigger.CronSchedule
    requires org.slf4j;
    requires static transitive org.jspecify; // the nullness annotations of the API

    exports io.lockcron;
    exports io.lockcron.job;
    exports io.lockcron.trigger;
    exports io.lockcron.schema;
    exports io.lockcron.spi;

    // The shipped schema scripts and migrations, readable by Flyway, Liquibase and Spring.
    opens io.lockcron.sql.h2;
    opens io.lockcron.sql.h2.history;
    opens io.lockcron.sql.mysql;
    opens io.lockcron.sql.mysql.history;
    opens io.lockcron.sql.postgresql;
    opens io.lockcron.sql.postgresql.history;
    opens io.lockcron.flyway.h2;
    opens io.lockcron.flyway.mysql;
    opens io.lockcron.flyway.postgresql;
    opens io.lockcron.liquibase;
}
