package io.lockcron.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockcron.NodeState;
import io.lockcron.Scheduler;
import io.lockcron.SchedulerClient;
import io.lockcron.SchemaException;
import io.lockcron.job.JobDefinition;
import io.lockcron.job.JobInvoker;
import io.lockcron.spring.autoconfigure.LockcronSchemaInitializer;
import io.lockcron.spring.autoconfigure.ManagedScheduler;
import io.lockcron.spring.transaction.SpringTransactionJobInvoker;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the auto-configuration creates, and how each piece is replaced or switched off. One scenario per test. */
class LockcronAutoConfigurationTest {
    private final ApplicationContextRunner runner = ContextRunners.h2();

    @Test
    void startsANodeThatJoinsTheClusterOnTheApplicationsDataSource() {
        runner.withPropertyValues("lockcron.node-id=node-a").run(context -> {
            assertThat(context).hasSingleBean(ManagedScheduler.class);
            assertThat(context).hasSingleBean(SchedulerClient.class);
            assertThat(context.getBean(JobInvoker.class)).isInstanceOf(SpringTransactionJobInvoker.class);
            assertThat(context).hasSingleBean(Jdbi.class);
            Scheduler scheduler = context.getBean(Scheduler.class);
            assertThat(scheduler.isRunning()).isTrue();
            assertThat(scheduler.nodeId()).isEqualTo("node-a");
            assertThat(scheduler.client().nodes())
                    .singleElement()
                    .satisfies(node -> assertThat(node.state()).isEqualTo(NodeState.ACTIVE));
        });
    }

    @Test
    void leavesTheClusterWhenTheContextCloses() {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        runner.withPropertyValues("lockcron.node-id=node-a", "spring.datasource.url=" + url)
                .run(context ->
                        assertThat(context.getBean(Scheduler.class).isRunning()).isTrue());

        DataSource afterwards =
                DataSourceBuilder.create().url(url).username("sa").build();
        assertThat(SchedulerClient.create(afterwards).nodes())
                .singleElement()
                .satisfies(node -> assertThat(node.state()).isEqualTo(NodeState.LEFT));
    }

    @Test
    void backsOffFromTheApplicationsOwnScheduler() {
        runner.withUserConfiguration(OwnScheduler.class).run(context -> {
            assertThat(context).doesNotHaveBean(ManagedScheduler.class);
            assertThat(context).hasSingleBean(Scheduler.class);
        });
    }

    @Test
    void backsOffFromTheApplicationsOwnInvokerClientAndJdbi() {
        runner.withUserConfiguration(OwnBeans.class).run(context -> {
            assertThat(context.getBean(JobInvoker.class)).isSameAs(JobInvoker.DIRECT);
            assertThat(context.getBean(Jdbi.class)).isSameAs(OwnBeans.JDBI);
        });
    }

    @Test
    void usesTheDataSourceMarkedSchedulerDataSource() {
        runner.withUserConfiguration(TwoDataSources.class).run(context -> {
            JdbcTemplate scheduler = new JdbcTemplate(context.getBean("schedulerDataSource", DataSource.class));
            JdbcTemplate application = new JdbcTemplate(context.getBean("applicationDataSource", DataSource.class));
            assertThat(scheduler.queryForObject("SELECT COUNT(*) FROM scheduler_node", Integer.class))
                    .isEqualTo(1);
            assertThat(application.queryForObject(
                            "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'LOCK_CRON'",
                            Integer.class))
                    .isZero();
        });
    }

    @Test
    void appliesBuilderCustomizersInOrder() {
        runner.withUserConfiguration(Customizers.class).run(context -> {
            assertThat(context.getBean(Customizers.class).calls).containsExactly("first", "second");
            assertThat(context.getBean(Scheduler.class).client().job("from-customizer"))
                    .isPresent();
        });
    }

    @Test
    void schedulesJobDefinitionBeans() {
        runner.withUserConfiguration(JobBean.class)
                .run(context -> assertThat(
                                context.getBean(SchedulerClient.class).job("job-bean"))
                        .isPresent());
    }

    @Test
    void createsTheSchemaOnAnEmbeddedDatabaseByDefault() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(LockcronSchemaInitializer.class);
            assertThat(new JdbcTemplate(context.getBean(DataSource.class))
                            .queryForObject("SELECT MAX(version) FROM lockcron_schema_version", Integer.class))
                    .isEqualTo(io.lockcron.schema.LockcronSchema.currentVersion());
        });
    }

    @Test
    void withSchemaInitializationOffStartupFailsNamingTheScriptToRun() {
        runner.withPropertyValues("lockcron.schema.initialize=never").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .isInstanceOf(SchemaException.class)
                    .hasMessageContaining("schema.sql");
        });
    }

    @Test
    void createsTheSchemaWithTheTablePrefix() {
        runner.withPropertyValues("lockcron.table-prefix=billing_")
                .run(context -> assertThat(new JdbcTemplate(context.getBean(DataSource.class))
                                .queryForObject("SELECT COUNT(*) FROM billing_scheduler_node", Integer.class))
                        .isEqualTo(1));
    }

    @Test
    void anInvalidPropertyFailsStartupNamingIt() {
        runner.withPropertyValues("lockcron.poll-interval=0s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("lockcron.poll-interval = PT0S is invalid");
        });
    }

    @Test
    void isOffWhenDisabled() {
        runner.withPropertyValues("lockcron.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(Scheduler.class);
            assertThat(context).doesNotHaveBean(SchedulerClient.class);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnScheduler {
        @Bean
        Scheduler ownScheduler(DataSource dataSource) {
            return Scheduler.builder(dataSource).nodeId("own").build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {
        static final Jdbi JDBI = Jdbi.create("jdbc:h2:mem:own");

        @Bean
        JobInvoker ownInvoker() {
            return JobInvoker.DIRECT;
        }

        @Bean
        Jdbi ownJdbi() {
            return JDBI;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoDataSources {
        @Bean
        @Primary
        DataSource applicationDataSource() {
            return h2();
        }

        @Bean
        @SchedulerDataSource
        DataSource schedulerDataSource() {
            return h2();
        }

        private static DataSource h2() {
            return DataSourceBuilder.create()
                    .url("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                    .username("sa")
                    .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {
        final List<String> calls = new ArrayList<>();

        @Bean
        @Order(2)
        SchedulerBuilderCustomizer second() {
            return builder -> calls.add("second");
        }

        @Bean
        @Order(1)
        SchedulerBuilderCustomizer first() {
            return builder -> {
                calls.add("first");
                builder.job(JobDefinition.builder("from-customizer")
                        .onDemand()
                        .handler(ctx -> {})
                        .build());
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class JobBean {
        @Bean
        JobDefinition jobBean() {
            return JobDefinition.builder("job-bean")
                    .onDemand()
                    .handler(ctx -> {})
                    .build();
        }
    }
}
