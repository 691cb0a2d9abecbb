package io.lockcron.admin.standalone;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The console as an application of its own, for teams that want it outside their services. Point
 * it at the cluster's database with the standard properties:
 *
 * <pre>
 * java -jar scheduler-admin-ui-VERSION-standalone.jar \
 *     --spring.datasource.url=jdbc:mysql://db:3306/app --spring.datasource.username=... \
 *     --spring.datasource.password=...
 * </pre>
 *
 * It serves the console at the root ({@code lockcron.console.path=/}) on port 8080. Spring Boot's
 * generated user is switched off: the console's users are the only ones.
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
public class ConsoleApplication {

    public static void main(String[] args) {
        run(args);
    }

    /** Starts the standalone console; {@code args} as on the command line. */
    public static ConfigurableApplicationContext run(String... args) {
        SpringApplication app = new SpringApplication(ConsoleApplication.class);
        app.setDefaultProperties(Map.of(
                "spring.application.name", "lockcron-console",
                "lockcron.console.path", "/",
                "lockcron.console.standalone", "true"));
        app.addListeners(new DatabaseRequired());
        return app.run(args);
    }
}
