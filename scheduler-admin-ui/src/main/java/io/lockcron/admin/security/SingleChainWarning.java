package io.lockcron.admin.security;

import io.lockcron.admin.ConsoleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Warns when the console's chain is the application's only one. Spring Boot's default chain,
 * which secures every path, backs off as soon as any chain exists: an application that relied on
 * it has its other paths unsecured after adding the console, and must declare its own chain.
 */
final class SingleChainWarning implements SmartInitializingSingleton, BeanFactoryAware {
    private static final Logger log = LoggerFactory.getLogger(SingleChainWarning.class);
    private ListableBeanFactory beans;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beans = (ListableBeanFactory) beanFactory;
    }

    @Override
    public void afterSingletonsInstantiated() {
        String base = beans.getBean(ConsoleProperties.class).basePath();
        String[] chains = beans.getBeanNamesForType(SecurityFilterChain.class);
        if (!base.isEmpty() && chains.length == 1) {
            log.warn(
                    "The lockcron console's security filter chain (for {}/**) is the only one in this application,"
                            + " so Spring Boot's default chain is off: Spring Security does not protect paths outside {}."
                            + " If the application relied on Boot's default security, declare a SecurityFilterChain"
                            + " of its own.",
                    base,
                    base);
        }
    }
}
