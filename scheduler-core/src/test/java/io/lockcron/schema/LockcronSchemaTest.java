package io.lockcron.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lockcron.SchemaException;
import io.lockcron.testing.H2TestDatabase;
import io.lockcron.testing.TestDatabase;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The public schema API on H2: the shipped scripts, installing them, and the start-up check. */
class LockcronSchemaTest {

    @Test
    void everyDialectShipsItsScriptsOnTheClasspath() {
        for (SqlDialect dialect : SqlDialect.values()) {
            assertThat(getClass().getClassLoader().getResource(LockcronSchema.scriptResource(dialect)))
                    .as(LockcronSchema.scriptResource(dialect))
                    .isNotNull();
            for (int version = 2; version <= LockcronSchema.currentVersion(); version++) {
                assertThat(getClass().getClassLoader().getResource(LockcronSchema.upgradeResource(dialect, version)))
                        .as(LockcronSchema.upgradeResource(dialect, version))
                        .isNotNull();
            }
            assertThat(SqlDialect.ofFolder(dialect.folder())).isEqualTo(dialect);
        }
        assertThatThrownBy(() -> LockcronSchema.upgradeResource(SqlDialect.H2, LockcronSchema.currentVersion() + 1))
                .hasMessageContaining("No lockcron upgrade script to version " + (LockcronSchema.currentVersion() + 1));
        assertThatThrownBy(() -> SqlDialect.ofFolder("oracle"))
                .hasMessageContaining("use one of mysql, postgresql, h2");
    }

    @Test
    void installThenVerifyPassesAndAMissingSchemaNamesTheScript() {
        TestDatabase db = H2TestDatabase.named("schema_api");
        try (var dataSource = db.newDataSource(2)) {
            assertThat(SqlDialect.of(dataSource)).isEqualTo(SqlDialect.H2);
            assertThatThrownBy(() -> LockcronSchema.verify(dataSource, "api_"))
                    .isInstanceOf(SchemaException.class)
                    .hasMessageContaining("sql/h2/schema.sql");

            LockcronSchema.install(dataSource, "api_");
            LockcronSchema.install(dataSource, "api_"); // idempotent

            assertThatCode(() -> LockcronSchema.verify(dataSource, "api_")).doesNotThrowAnyException();
            List<Integer> versions = Jdbi.create(dataSource)
                    .withHandle(h -> h.createQuery("SELECT MAX(version) FROM api_lockcron_schema_version")
                            .mapTo(Integer.class)
                            .list());
            assertThat(versions).containsExactly(LockcronSchema.currentVersion());
        }
    }

    @Test
    void aPrefixThatIsNotAnIdentifierIsRefused() {
        try (var dataSource = H2TestDatabase.named("schema_api_prefix").newDataSource(1)) {
            assertThatThrownBy(() -> LockcronSchema.install(dataSource, "x; DROP TABLE y"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("may contain only letters, digits and underscores");
        }
    }
}
