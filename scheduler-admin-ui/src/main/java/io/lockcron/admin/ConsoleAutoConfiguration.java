package io.lockcron.admin;

import io.lockcron.SchedulerClient;
import io.lockcron.admin.api.ApiErrors;
import io.lockcron.admin.api.ClusterApi;
import io.lockcron.admin.api.CsrfApi;
import io.lockcron.admin.api.ExecutionsApi;
import io.lockcron.admin.api.JobActionsApi;
import io.lockcron.admin.api.JobsApi;
import io.lockcron.admin.api.OverviewApi;
import io.lockcron.admin.cluster.ActionGuard;
import io.lockcron.admin.cluster.ConsoleActions;
import io.lockcron.admin.cluster.ConsoleClient;
import io.lockcron.admin.cluster.ConsoleReader;
import io.lockcron.admin.cluster.SchedulePreviewer;
import io.lockcron.admin.security.ConsoleSecurityConfiguration;
import io.lockcron.admin.web.AuditPage;
import io.lockcron.admin.web.ConsolePageAdvice;
import io.lockcron.admin.web.ConsolePageErrors;
import io.lockcron.admin.web.ConsoleRoutingErrors;
import io.lockcron.admin.web.ConsoleWebConfiguration;
import io.lockcron.admin.web.ExecutionsPage;
import io.lockcron.admin.web.FailoversPage;
import io.lockcron.admin.web.FirePage;
import io.lockcron.admin.web.JobActionForms;
import io.lockcron.admin.web.JobPage;
import io.lockcron.admin.web.JobsPage;
import io.lockcron.admin.web.LoginPage;
import io.lockcron.admin.web.NodesPage;
import io.lockcron.admin.web.OverviewPage;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The web console in any servlet Spring Boot application with a {@link DataSource}, mounted under
 * {@code lockcron.console.path} (default {@value ConsoleProperties#DEFAULT_PATH}) with a security
 * filter chain of its own for that path. It reads and steers the cluster through the application's
 * {@link SchedulerClient} bean when there is one (the starter provides it), else through a client
 * of its own on the application's DataSource. {@code lockcron.console.enabled=false} turns it off.
 */
// After Boot's web security: those back off once any SecurityFilterChain exists, and the console's
// chain, which covers only its own path, must not switch off the host's default security.
@AutoConfiguration(
        after = DataSourceAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "lockcron.console.enabled", matchIfMissing = true)
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(ConsoleProperties.class)
@Import({
    ConsoleSecurityConfiguration.class,
    ConsoleWebConfiguration.class,
    ConsolePageAdvice.class,
    ConsolePageErrors.class,
    OverviewPage.class,
    JobsPage.class,
    JobPage.class,
    JobActionForms.class,
    FirePage.class,
    ExecutionsPage.class,
    FailoversPage.class,
    NodesPage.class,
    AuditPage.class,
    LoginPage.class,
    ApiErrors.class,
    OverviewApi.class,
    JobsApi.class,
    JobActionsApi.class,
    ExecutionsApi.class,
    ClusterApi.class,
    CsrfApi.class
})
public final class ConsoleAutoConfiguration {

    /**
     * Resolved when the bean is created, not when conditions are evaluated, so it finds the
     * starter's client whichever auto-configuration runs first.
     */
    @Bean
    @ConditionalOnMissingBean
    ConsoleClient lockcronConsoleClient(
            ObjectProvider<SchedulerClient> clients,
            ObjectProvider<DataSource> dataSources,
            ConsoleProperties properties) {
        SchedulerClient shared = clients.getIfUnique();
        if (shared != null) {
            return ConsoleClient.of(shared);
        }
        DataSource dataSource = dataSources.getIfUnique();
        if (dataSource == null) {
            throw new IllegalStateException("The lockcron console needs a SchedulerClient bean or exactly one"
                    + " DataSource bean to read the cluster's tables; this application has several DataSources."
                    + " Declare a SchedulerClient bean on the scheduler's DataSource.");
        }
        String prefix = properties.getTablePrefix();
        return ConsoleClient.deferred(() -> SchedulerClient.create(dataSource, prefix));
    }

    @Bean
    @ConditionalOnMissingBean
    ConsoleReader lockcronConsoleReader(ConsoleClient client, ConsoleProperties properties) {
        return new ConsoleReader(client, properties.getNodeDeadAfter(), properties.getTimeZone());
    }

    @Bean
    @ConditionalOnMissingBean
    ConsoleActions lockcronConsoleActions(ConsoleClient client, ConsoleProperties properties) {
        return new ConsoleActions(client, new ActionGuard(properties.isReadOnly()));
    }

    @Bean
    ConsoleRoutingErrors lockcronConsoleRoutingErrors(ConsoleProperties properties, ConsolePageErrors pages) {
        return new ConsoleRoutingErrors(properties, pages);
    }

    @Bean
    @ConditionalOnMissingBean
    SchedulePreviewer lockcronSchedulePreviewer(ConsoleReader reader) {
        return new SchedulePreviewer(reader);
    }
}
