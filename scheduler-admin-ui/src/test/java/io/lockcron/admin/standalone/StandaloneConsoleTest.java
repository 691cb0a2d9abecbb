package io.lockcron.admin.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.admin.testing.ConsoleDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;

/** The console as its own application: at the root of its server, on the database it is pointed at. */
class StandaloneConsoleTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesTheConsoleAtTheRootOnTheGivenDatabase() throws Exception {
        ConsoleDatabase database = ConsoleDatabase.h2("lockcron_admin_standalone");
        try (HikariDataSource pool = database.pool(2)) {
            database.reset(pool);
            try (ConfigurableApplicationContext app = ConsoleApplication.run(
                    "--server.port=0",
                    "--spring.main.banner-mode=off",
                    "--spring.datasource.url=" + database.url(),
                    "--spring.datasource.username=sa",
                    "--lockcron.console.users[0].name=ops",
                    "--lockcron.console.users[0].password={noop}pw",
                    "--lockcron.console.users[0].role=OPERATOR")) {
                String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
                HttpResponse<String> root = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(root.statusCode()).isEqualTo(302);
                assertThat(root.headers().firstValue("Location"))
                        .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
                HttpResponse<String> jobs = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/jobs"))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString("ops:pw".getBytes(StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(jobs.statusCode()).isEqualTo(200);
                assertThat(jobs.body()).isEqualTo("[]");
                // Spring Boot's generated 'user' is off: the console's users are the only ones.
                assertThat(app.getBeansOfType(UserDetailsService.class)).isEmpty();
            }
        }
    }

    @Test
    void refusesToStartWithoutADatabaseAndSaysHowToNameOne() {
        assertThatThrownBy(() -> ConsoleApplication.run("--server.port=0", "--spring.main.banner-mode=off"))
                .hasMessageContaining("--spring.datasource.url=jdbc:mysql://");
    }
}
