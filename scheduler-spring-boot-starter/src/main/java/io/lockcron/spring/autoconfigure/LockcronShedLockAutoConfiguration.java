package io.lockcron.spring.autoconfigure;

import io.lockcron.Scheduler;
import io.lockcron.shedlock.LockcronLockProvider;
import io.lockcron.spring.SchedulerDataSource;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * A ShedLock {@link LockProvider} on lockcron's tables, so that existing {@code @SchedulerLock}
 * methods keep working while a service moves to {@code @ClusteredJob}. Needs ShedLock and
 * {@code io.lockcron:scheduler-shedlock} on the classpath; an application's own LockProvider wins.
 */
@AutoConfiguration(after = LockcronAutoConfiguration.class)
@ConditionalOnClass({LockProvider.class, LockcronLockProvider.class})
@ConditionalOnBean({Scheduler.class, LockcronProperties.class})
@ConditionalOnBooleanProperty(name = "lockcron.shedlock.enabled", matchIfMissing = true)
public final class LockcronShedLockAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(LockProvider.class)
    LockcronLockProvider lockcronLockProvider(
            @SchedulerDataSource ObjectProvider<DataSource> schedulerDataSource,
            ObjectProvider<DataSource> dataSources,
            LockcronProperties properties,
            Scheduler scheduler) {
        return new LockcronLockProvider(
                SchedulerDataSources.resolve(schedulerDataSource, dataSources),
                properties.getTablePrefix(),
                scheduler.nodeId());
    }
}
