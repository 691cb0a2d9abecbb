package io.lockcron.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Marks the {@link javax.sql.DataSource} lockcron should use when it is not the application's
 * primary one. Transactional jobs then join their lock's transaction only through data access on
 * this DataSource.
 *
 * <pre>{@code
 * @Bean
 * @SchedulerDataSource
 * DataSource schedulerDataSource() { ... }
 * }</pre>
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface SchedulerDataSource {}
