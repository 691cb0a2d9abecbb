package io.lockcron.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.lockcron.SchedulerBuilder;
import io.lockcron.spring.autoconfigure.LockcronProperties;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.sql.init.DatabaseInitializationMode;

/** The property defaults are the core builder's, in the code and in the IDE metadata alike. */
class LockcronPropertiesTest {
    private final LockcronProperties properties = new LockcronProperties();

    @Test
    void defaultsAreTheBuildersConstants() {
        assertThat(properties.isEnabled()).isTrue();
        assertThat(properties.getNodeId()).isNull();
        assertThat(properties.getTablePrefix()).isEqualTo(SchedulerBuilder.DEFAULT_TABLE_PREFIX);
        assertThat(properties.getPollInterval()).isEqualTo(SchedulerBuilder.DEFAULT_POLL_INTERVAL);
        assertThat(properties.getHeartbeatInterval()).isEqualTo(SchedulerBuilder.DEFAULT_HEARTBEAT_INTERVAL);
        assertThat(properties.getWorkerThreads()).isEqualTo(SchedulerBuilder.DEFAULT_WORKER_THREADS);
        assertThat(properties.getMisfireThreshold()).isEqualTo(SchedulerBuilder.DEFAULT_MISFIRE_THRESHOLD);
        assertThat(properties.getShutdownTimeout()).isEqualTo(SchedulerBuilder.DEFAULT_SHUTDOWN_TIMEOUT);
        assertThat(properties.getHeartbeatTimeout()).isEqualTo(SchedulerBuilder.DEFAULT_HEARTBEAT_TIMEOUT);
        assertThat(properties.getLeaseDuration()).isEqualTo(SchedulerBuilder.DEFAULT_LEASE_DURATION);
        assertThat(properties.getIdleLimit()).isEqualTo(SchedulerBuilder.DEFAULT_IDLE_LIMIT);
        assertThat(properties.getHistory().getRetention()).isEqualTo(SchedulerBuilder.DEFAULT_HISTORY_RETENTION);
        assertThat(properties.getHistory().getPurgeInterval()).isEqualTo(SchedulerBuilder.DEFAULT_PURGE_INTERVAL);
        assertThat(properties.getSchema().getInitialize()).isEqualTo(DatabaseInitializationMode.EMBEDDED);
        assertThat(properties.getShedlock().isEnabled()).isTrue();
    }

    @Test
    void ideMetadataShowsTheSameDefaults() throws Exception {
        String metadata = metadata();

        assertThat(duration(metadata, "lockcron.poll-interval")).isEqualTo(SchedulerBuilder.DEFAULT_POLL_INTERVAL);
        assertThat(duration(metadata, "lockcron.heartbeat-interval"))
                .isEqualTo(SchedulerBuilder.DEFAULT_HEARTBEAT_INTERVAL);
        assertThat(duration(metadata, "lockcron.heartbeat-timeout"))
                .isEqualTo(SchedulerBuilder.DEFAULT_HEARTBEAT_TIMEOUT);
        assertThat(duration(metadata, "lockcron.lease-duration")).isEqualTo(SchedulerBuilder.DEFAULT_LEASE_DURATION);
        assertThat(duration(metadata, "lockcron.idle-limit")).isEqualTo(SchedulerBuilder.DEFAULT_IDLE_LIMIT);
        assertThat(duration(metadata, "lockcron.misfire-threshold"))
                .isEqualTo(SchedulerBuilder.DEFAULT_MISFIRE_THRESHOLD);
        assertThat(duration(metadata, "lockcron.shutdown-timeout"))
                .isEqualTo(SchedulerBuilder.DEFAULT_SHUTDOWN_TIMEOUT);
        assertThat(duration(metadata, "lockcron.history.retention"))
                .isEqualTo(SchedulerBuilder.DEFAULT_HISTORY_RETENTION);
        assertThat(duration(metadata, "lockcron.history.purge-interval"))
                .isEqualTo(SchedulerBuilder.DEFAULT_PURGE_INTERVAL);
        assertThat(field(metadata, "lockcron.worker-threads", "defaultValue"))
                .isEqualTo(SchedulerBuilder.DEFAULT_WORKER_THREADS);
        assertThat(field(metadata, "lockcron.table-prefix", "defaultValue"))
                .isEqualTo(SchedulerBuilder.DEFAULT_TABLE_PREFIX);
        assertThat(field(metadata, "lockcron.schema.initialize", "defaultValue"))
                .isEqualTo("embedded");
        // Property javadoc became the IDE's description (both annotation processors ran).
        assertThat((String) field(metadata, "lockcron.poll-interval", "description"))
                .contains("re-reads lock_cron");
    }

    private static Duration duration(String metadata, String name) {
        return DurationStyle.detectAndParse((String) field(metadata, name, "defaultValue"));
    }

    private static Object field(String metadata, String name, String field) {
        List<Object> values = JsonPath.read(metadata, "$.properties[?(@.name == '" + name + "')]." + field);
        assertThat(values).as("%s of %s in the metadata", field, name).hasSize(1);
        return values.get(0);
    }

    private static String metadata() throws Exception {
        try (InputStream in =
                LockcronProperties.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
