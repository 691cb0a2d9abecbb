package io.lockcron.admin.web;

import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.SchedulerClient;
import io.lockcron.admin.testing.ConsoleDatabase;
import io.lockcron.admin.testing.ConsoleTestApp;
import io.lockcron.admin.testing.RecordedCluster;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Base of the fast console tests: the console embedded in a host application on H2, mounted at
 * {@code /lockcron}, with a viewer and an operator (bcrypt password), over a history recorded once
 * by real nodes. Subclasses share one application context.
 */
@SpringBootTest(classes = ConsoleTestApp.class)
@AutoConfigureMockMvc
abstract class H2ConsoleTest {
    static final String BASE = "/lockcron";
    static final String VIEWER = "viewer";
    static final String VIEWER_PASSWORD = "viewer-secret";
    static final String OPERATOR = "operator";
    static final String OPERATOR_PASSWORD = "operator-secret";

    private static final ConsoleDatabase DATABASE = ConsoleDatabase.h2("lockcron_admin_pages");
    private static HikariDataSource pool;

    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void console(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::url);
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("lockcron.console.users[0].name", () -> VIEWER);
        registry.add("lockcron.console.users[0].password", () -> "{noop}" + VIEWER_PASSWORD);
        registry.add("lockcron.console.users[0].role", () -> "VIEWER");
        registry.add("lockcron.console.users[1].name", () -> OPERATOR);
        registry.add(
                "lockcron.console.users[1].password",
                () -> "{bcrypt}" + new BCryptPasswordEncoder(4).encode(OPERATOR_PASSWORD));
        registry.add("lockcron.console.users[1].role", () -> "OPERATOR");
        registry.add("lockcron.console.guarded-paths[0]", () -> "/hello/guarded/**");
    }

    @BeforeAll
    static void recordCluster() {
        database();
    }

    /** The recorded cluster; recorded on first use, once for all subclasses. */
    static synchronized HikariDataSource database() {
        if (pool == null) {
            pool = RecordedCluster.record(DATABASE);
        }
        return pool;
    }

    static SchedulerClient client() {
        return SchedulerClient.create(database());
    }
}
