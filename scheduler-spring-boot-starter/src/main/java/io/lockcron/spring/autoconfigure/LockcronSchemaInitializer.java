package io.lockcron.spring.autoconfigure;

import io.lockcron.schema.LockcronSchema;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.boot.sql.init.DatabaseInitializationMode;

/**
 * Runs the shipped {@code sql/<dialect>/schema.sql} — the same script users run by hand — when
 * {@code lockcron.schema.initialize} says so: by default only on an embedded database (H2), so
 * that a production schema is never created or changed behind its owners' back. The script is
 * idempotent.
 */
public class LockcronSchemaInitializer implements InitializingBean {
    private static final Logger log = LoggerFactory.getLogger(LockcronSchemaInitializer.class);

    private final DataSource dataSource;
    private final DatabaseInitializationMode mode;
    private final String tablePrefix;

    public LockcronSchemaInitializer(DataSource dataSource, DatabaseInitializationMode mode, String tablePrefix) {
        this.dataSource = dataSource;
        this.mode = mode;
        this.tablePrefix = tablePrefix;
    }

    @Override
    public void afterPropertiesSet() {
        if (shouldRun()) {
            LockcronSchema.install(dataSource, tablePrefix);
            log.info(
                    "lockcron schema installed (lockcron.schema.initialize={})",
                    mode.name().toLowerCase());
        }
    }

    boolean shouldRun() {
        return switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case EMBEDDED -> EmbeddedDatabaseConnection.isEmbedded(dataSource);
        };
    }
}
