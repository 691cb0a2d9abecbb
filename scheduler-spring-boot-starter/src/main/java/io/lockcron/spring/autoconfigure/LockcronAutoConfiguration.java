package io.lockcron.spring.autoconfigure;

import io.lockcron.Scheduler;
import io.lockcron.SchedulerBuilder;
import io.lockcron.SchedulerClient;
import io.lockcron.SchedulerListener;
import io.lockcron.job.JobDefinition;
import io.lockcron.job.JobInvoker;
import io.lockcron.spring.SchedulerBuilderCustomizer;
import io.lockcron.spring.SchedulerDataSource;
import io.lockcron.spring.job.ClusteredJobBeanPostProcessor;
import io.lockcron.spring.job.ClusteredJobLazyInitializationExcludeFilter;
import io.lockcron.spring.job.JobNames;
import io.lockcron.spring.transaction.SpringCallerTransactions;
import io.lockcron.spring.transaction.SpringConnectionFactory;
import io.lockcron.spring.transaction.SpringTransactionJobInvoker;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A lockcron node for the application: the {@link Scheduler} with every {@code @ClusteredJob}
 * method and {@link JobDefinition} bean, on the {@code @SchedulerDataSource} DataSource or the
 * application's own. Every bean can be replaced by defining one of the same type. Without a
 * DataSource it backs off: the application starts without a lockcron node.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass({Scheduler.class, DataSource.class})
@ConditionalOnBean(DataSource.class)
@ConditionalOnBooleanProperty(name = "lockcron.enabled", matchIfMissing = true)
@EnableConfigurationProperties(LockcronProperties.class)
public final class LockcronAutoConfiguration {

    @Bean
    static ClusteredJobBeanPostProcessor clusteredJobBeanPostProcessor() {
        return new ClusteredJobBeanPostProcessor();
    }

    @Bean
    static LazyInitializationExcludeFilter clusteredJobLazyInitializationExcludeFilter() {
        return new ClusteredJobLazyInitializationExcludeFilter();
    }

    /** The node's job names, to keep one-shot instances out of metric tags and low-cardinality keys. */
    @Bean
    @ConditionalOnMissingBean
    JobNames lockcronJobNames(ObjectProvider<JobDefinition> jobBeans, ClusteredJobBeanPostProcessor clusteredJobs) {
        return new JobNames(() -> {
            List<String> names = new ArrayList<>();
            jobBeans.orderedStream().forEach(job -> names.add(job.name()));
            clusteredJobs.jobs().forEach(job -> names.add(job.name()));
            return names;
        });
    }

    @Bean
    @ConditionalOnMissingBean
    LockcronSchemaInitializer lockcronSchemaInitializer(
            @SchedulerDataSource ObjectProvider<DataSource> schedulerDataSource,
            ObjectProvider<DataSource> dataSources,
            LockcronProperties properties) {
        return new LockcronSchemaInitializer(
                SchedulerDataSources.resolve(schedulerDataSource, dataSources),
                properties.getSchema().getInitialize(),
                properties.getTablePrefix());
    }

    @Bean
    @ConditionalOnMissingBean
    SchedulerClient lockcronClient(
            @SchedulerDataSource ObjectProvider<DataSource> schedulerDataSource,
            ObjectProvider<DataSource> dataSources,
            LockcronProperties properties) {
        DataSource dataSource = SchedulerDataSources.resolve(schedulerDataSource, dataSources);
        // scheduleOnce and triggerNow inside a Spring transaction happen only if it commits.
        return SchedulerClient.create(
                dataSource, properties.getTablePrefix(), new SpringCallerTransactions(dataSource));
    }

    @Bean
    @ConditionalOnMissingBean
    JobInvoker lockcronJobInvoker(
            @SchedulerDataSource ObjectProvider<DataSource> schedulerDataSource,
            ObjectProvider<DataSource> dataSources) {
        return new SpringTransactionJobInvoker(SchedulerDataSources.resolve(schedulerDataSource, dataSources));
    }

    /** JDBI on the scheduler's DataSource whose handles join Spring transactions, and so a transactional job's. */
    @Bean
    @ConditionalOnMissingBean
    Jdbi lockcronJdbi(
            @SchedulerDataSource ObjectProvider<DataSource> schedulerDataSource,
            ObjectProvider<DataSource> dataSources) {
        return SpringConnectionFactory.jdbi(SchedulerDataSources.resolve(schedulerDataSource, dataSources));
    }

    @Bean
    @ConditionalOnMissingBean(Scheduler.class)
    ManagedScheduler lockcronScheduler(
            @SchedulerDataSource ObjectProvider<DataSource> schedulerDataSource,
            ObjectProvider<DataSource> dataSources,
            LockcronProperties properties,
            ObjectProvider<LockcronSchemaInitializer> schemaInitializer,
            SchedulerClient client,
            JobInvoker invoker,
            ObjectProvider<SchedulerListener> listeners,
            ObjectProvider<PlatformTransactionManager> transactionManagers,
            Environment environment,
            ObjectProvider<SchedulerBuilderCustomizer> customizers,
            ObjectProvider<JobDefinition> jobBeans,
            ClusteredJobBeanPostProcessor clusteredJobs) {
        schemaInitializer.ifAvailable(initialized -> {}); // the tables exist before the node checks them
        DataSource dataSource = SchedulerDataSources.resolve(schedulerDataSource, dataSources);
        String nodeId = NodeIds.resolve(properties.getNodeId());
        SchedulerBuilder builder = Scheduler.builder(dataSource).nodeId(nodeId).jobInvoker(invoker);
        FireTransactionManagers.apply(transactionManagers, dataSource, builder);
        WorkerThreads.apply(environment, nodeId, builder);
        SchedulerProperties.apply(properties, builder);
        listeners.orderedStream().forEach(builder::listener);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return new ManagedScheduler(
                builder,
                () -> {
                    List<JobDefinition> jobs =
                            new ArrayList<>(jobBeans.orderedStream().toList());
                    jobs.addAll(clusteredJobs.jobs());
                    return jobs;
                },
                nodeId,
                client);
    }
}
