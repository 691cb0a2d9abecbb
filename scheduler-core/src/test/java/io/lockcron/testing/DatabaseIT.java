package io.lockcron.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.SchedulerClient;
import io.lockcron.internal.store.StoreFactory;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Base of the contract tests: a clean schema from sql/, an admin pool, nodes stopped after each test. */
public abstract class DatabaseIT {
    public static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    protected final Nodes nodes = new Nodes();

    protected HikariDataSource admin;
    protected Jdbi jdbi;
    protected Effects effects;
    protected SchedulerClient client;

    protected abstract TestDatabase database();

    @BeforeEach
    void cleanDatabase() {
        nodes.use(database());
        admin = nodes.pool(6);
        database().installSchema(admin);
        database().clean(admin);
        jdbi = StoreFactory.create(admin, "").jdbi(); // binds Instants as lockcron does
        effects = new Effects(admin);
        effects.reset();
        client = SchedulerClient.create(admin);
    }
}
