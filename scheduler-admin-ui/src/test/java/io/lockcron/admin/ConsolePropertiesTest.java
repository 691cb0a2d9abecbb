package io.lockcron.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConsolePropertiesTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        ConsoleProperties properties = new ConsoleProperties();
        assertThat(properties.isEnabled()).isTrue();
        assertThat(properties.getPath()).isEqualTo("/lockcron");
        assertThat(properties.isReadOnly()).isFalse();
        assertThat(properties.getTablePrefix()).isEmpty();
        assertThat(properties.getRefreshInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.getNodeDeadAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.getTimeZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(properties.getUsers()).isEmpty();
        assertThat(properties.isGenerateOperator()).isFalse();
        assertThat(properties.isStandalone()).isFalse();
        assertThat(properties.getGuardedPaths()).isEmpty();
        assertThat(properties.getLogin().getFreeFailures()).isEqualTo(3);
        assertThat(properties.getLogin().getInitialDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.getLogin().getMaxDelay()).isEqualTo(Duration.ofMinutes(5));
        assertThat(new ConsoleProperties.User().getRole()).isEqualTo(ConsoleRole.VIEWER);
    }

    @ParameterizedTest
    @CsvSource({
        "/lockcron, /lockcron",
        "lockcron, /lockcron",
        "/lockcron/, /lockcron",
        "/admin/jobs, /admin/jobs",
    })
    void thePathIsNormalized(String path, String base) {
        ConsoleProperties properties = new ConsoleProperties();
        properties.setPath(path);
        assertThat(properties.basePath()).isEqualTo(base);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "", " / "})
    void theRootIsTheStandaloneConsolesOnly(String path) {
        ConsoleProperties embedded = new ConsoleProperties();
        embedded.setPath(path);
        assertThatThrownBy(embedded::basePath)
                .hasMessageContaining("lockcron.console.path")
                .hasMessageContaining("take over every path")
                .hasMessageContaining("e.g. '/lockcron'");
        ConsoleProperties standalone = new ConsoleProperties();
        standalone.setPath(path);
        standalone.setStandalone(true);
        assertThat(standalone.basePath()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/lock cron", "/a//b", "/../admin", "/x?y", "/<b>"})
    void aPathThatIsNotPlainIsRefusedWithTheProperty(String path) {
        ConsoleProperties properties = new ConsoleProperties();
        properties.setPath(path);
        assertThatThrownBy(properties::basePath)
                .hasMessageContaining("lockcron.console.path")
                .hasMessageContaining("e.g. '/lockcron'");
    }

    @Test
    void anOperatorIsAlsoAViewer() {
        assertThat(ConsoleRole.OPERATOR.authorities()).containsExactly("ROLE_VIEWER", "ROLE_OPERATOR");
        assertThat(ConsoleRole.VIEWER.authorities()).containsExactly("ROLE_VIEWER");
    }
}
