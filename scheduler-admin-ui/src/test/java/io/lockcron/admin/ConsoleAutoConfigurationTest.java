package io.lockcron.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockcron.DatabaseUnavailableException;
import io.lockcron.SchedulerClient;
import io.lockcron.admin.cluster.ConsoleClient;
import io.lockcron.admin.cluster.ConsoleReader;
import io.lockcron.admin.security.ConsoleSecurityConfiguration;
import io.lockcron.schema.LockcronSchema;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/** One scenario per test, as Spring Boot tests its own auto-configurations; the databases are H2. */
class ConsoleAutoConfigurationTest {
    private static final String H2 = "jdbc:h2:mem:lockcron_admin_autoconfig;DB_CLOSE_DELAY=-1";

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    SecurityAutoConfiguration.class,
                    ServletWebSecurityAutoConfiguration.class,
                    WebMvcAutoConfiguration.class,
                    ConsoleAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=" + H2, "spring.datasource.username=sa");

    @Test
    void mountsTheConsoleWithAChainOfItsOwnAndNoUserBeans() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(ConsoleReader.class);
            assertThat(context).hasBean(ConsoleSecurityConfiguration.FILTER_CHAIN_BEAN);
            // The console's users stay inside its chain: nothing the host's security would pick up.
            assertThat(context).doesNotHaveBean(UserDetailsService.class);
            assertThat(context).doesNotHaveBean(AuthenticationManager.class);
        });
    }

    @Test
    void usesTheApplicationsSchedulerClient() {
        runner.withUserConfiguration(ClientConfiguration.class).run(context -> {
            assertThat(context.getBean(ConsoleClient.class).get()).isSameAs(context.getBean(SchedulerClient.class));
        });
    }

    @Test
    void withoutOneItCreatesItsOwnClientOnTheDataSource() {
        runner.run(context -> {
            LockcronSchema.install(context.getBean(DataSource.class), "");
            SchedulerClient client = context.getBean(ConsoleClient.class).get();
            assertThat(client.jobs()).isEmpty();
            assertThat(context).doesNotHaveBean(SchedulerClient.class);
        });
    }

    @Test
    void startsWhileTheDatabaseIsDownAndSaysSoOnUse() {
        runner.withPropertyValues(
                        "spring.datasource.url=jdbc:mysql://127.0.0.1:1/nowhere?connectTimeout=500",
                        "spring.datasource.hikari.connection-timeout=250")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    org.assertj.core.api.Assertions.assertThatThrownBy(
                                    () -> context.getBean(ConsoleClient.class).get())
                            .isInstanceOf(DatabaseUnavailableException.class);
                });
    }

    @Test
    void isOffWhenDisabled() {
        runner.withPropertyValues("lockcron.console.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(ConsoleClient.class);
            assertThat(context).doesNotHaveBean(ConsoleSecurityConfiguration.FILTER_CHAIN_BEAN);
        });
    }

    @Test
    void isOffWithoutADataSource() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ConsoleAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(ConsoleClient.class));
    }

    @Test
    void isOffOutsideAServletWebApplication() {
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(DataSourceAutoConfiguration.class, ConsoleAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + H2)
                .run(context -> assertThat(context).doesNotHaveBean(ConsoleClient.class));
    }

    @Test
    void theApplicationReplacesTheChainByDeclaringItsName() {
        runner.withUserConfiguration(OwnChainConfiguration.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).getBeans(SecurityFilterChain.class).hasSize(1);
            SecurityFilterChain chain =
                    context.getBean(ConsoleSecurityConfiguration.FILTER_CHAIN_BEAN, SecurityFilterChain.class);
            // The console's own chain logs in with a form; the application's has no login at all.
            assertThat(chain.getFilters()).noneMatch(f -> f instanceof UsernamePasswordAuthenticationFilter);
        });
    }

    @Test
    void aPathThatIsNotPlainFailsTheStartNamingTheProperty() {
        runner.withPropertyValues("lockcron.console.path=/lock cron").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("lockcron.console.path");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class ClientConfiguration {
        @Bean
        SchedulerClient schedulerClient(DataSource dataSource) {
            return SchedulerClient.create(dataSource);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnChainConfiguration {
        @Bean(ConsoleSecurityConfiguration.FILTER_CHAIN_BEAN)
        SecurityFilterChain ownChain(HttpSecurity http) throws Exception {
            return http.securityMatcher("/lockcron/**")
                    .authorizeHttpRequests(a -> a.anyRequest().denyAll())
                    .build();
        }
    }
}
