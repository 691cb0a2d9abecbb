package io.lockcron.spring.autoconfigure;

import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/** Lets beans marked {@code @DependsOnDatabaseInitialization} wait for the lockcron schema too. */
final class LockcronSchemaInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {
    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(LockcronSchemaInitializer.class);
    }
}
