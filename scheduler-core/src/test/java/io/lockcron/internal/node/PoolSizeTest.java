package io.lockcron.internal.node;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class PoolSizeTest {

    @Test
    void aPoolTooSmallForTheWorkersIsNamedWithBothNumbers() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:pool-size");
        config.setMaximumPoolSize(4);
        config.setInitializationFailTimeout(-1);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(PoolSize.class)).addAppender(logs);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            PoolSize.check(pool, 5, "n1");
            PoolSize.check(pool, 1, "n2");
        } finally {
            ((Logger) LoggerFactory.getLogger(PoolSize.class)).detachAppender(logs);
        }
        assertThat(logs.list)
                .singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage())
                        .contains("Node n1")
                        .contains("allows 4 connections")
                        .contains("5 worker threads need at least 8"));
    }

    @Test
    void aDataSourceThatDoesNotTellItsSizeIsLeftAlone() {
        assertThat(PoolSize.maximum(new JdbcDataSource())).isEmpty();
    }
}
