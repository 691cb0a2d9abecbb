package io.lockcron.spring.autoconfigure;

import io.lockcron.SchedulerBuilder;
import io.lockcron.spring.transaction.SpringFireTransactions;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.PlatformTransactionManager;

/** Runs the fires' transactions through the application's transaction manager of lockcron's DataSource, if it has one. */
final class FireTransactionManagers {
    private static final Logger log = LoggerFactory.getLogger(FireTransactionManagers.class);

    private FireTransactionManagers() {}

    static void apply(
            ObjectProvider<PlatformTransactionManager> managers, DataSource dataSource, SchedulerBuilder builder) {
        Optional<SpringFireTransactions> transactions =
                SpringFireTransactions.find(managers.orderedStream(), dataSource);
        if (transactions.isPresent()) {
            log.info(
                    "lockcron fires run in transactions of {}",
                    transactions.get().transactionManager().getClass().getName());
            builder.fireTransactions(transactions.get());
        } else {
            log.info("lockcron fires run in transactions lockcron opens itself: no transaction manager of its"
                    + " DataSource (JPA's or JDBC's) is defined, so JPA and afterCommit callbacks do not take part");
        }
    }
}
