package io.lockcron.internal.store;

import io.lockcron.CallerTransactions;
import io.lockcron.SchedulerClient;
import java.time.Instant;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;
import org.jspecify.annotations.Nullable;

/** The scheduler's tables, reached through JDBI; one per DataSource and table prefix. */
public final class Store {
    private final Jdbi jdbi;
    private final Dialect dialect;
    private final String tablePrefix;
    private final SqlLocator sql;
    private final JobStore jobs;
    private final ExecutionStore executions;
    private final AttemptStore attempts;
    private final NodeStore nodes;
    private final SessionLabels sessions;
    private final RegistrationStore registrations;
    private final JobRequests requests;

    Store(Jdbi jdbi, Dialect dialect, String tablePrefix, SessionLabels sessions) {
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.tablePrefix = tablePrefix;
        this.sql = new SqlLocator(dialect);
        this.jobs = new JobStore(this);
        this.executions = new ExecutionStore(this);
        this.attempts = new AttemptStore(this);
        this.nodes = new NodeStore(this);
        this.sessions = sessions;
        this.registrations = new RegistrationStore(this);
        this.requests = new JobRequests(this);
    }

    /** Labels this store's sessions with the node that uses them, for fencing. */
    public SessionLabels sessions() {
        return sessions;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * A JDBI configured like {@link #jdbi()} whose handles get their connections from {@code
     * connections}: for statements on a connection someone else opened, such as a fire's
     * transaction begun by a {@code FireTransactions}.
     */
    /**
     * As {@link #jdbiOn}, without session labels: for handles on a session labelled already, such
     * as a job's view of its fire's connection (closing it must not take the fire's label off).
     */
    public Jdbi jdbiOnLabelled(ConnectionFactory connections) {
        return StoreFactory.configure(Jdbi.create(connections), dialect, tablePrefix);
    }

    public Jdbi jdbiOn(ConnectionFactory connections) {
        return jdbiOn(connections, true);
    }

    /** @param nodeSessions the connections are the node's, labelled for fencing; false for an application's */
    Jdbi jdbiOn(ConnectionFactory connections, boolean nodeSessions) {
        Jdbi other = StoreFactory.configure(Jdbi.create(connections), dialect, tablePrefix);
        if (nodeSessions) {
            other.installPlugin(sessions); // fencing must find these sessions too
        }
        return other;
    }

    public Dialect dialect() {
        return dialect;
    }

    public JobStore jobs() {
        return jobs;
    }

    public ExecutionStore executions() {
        return executions;
    }

    public AttemptStore attempts() {
        return attempts;
    }

    public NodeStore nodes() {
        return nodes;
    }

    public RegistrationStore registrations() {
        return registrations;
    }

    public JobRequests requests() {
        return requests;
    }

    public SchedulerClient client() {
        return client(null);
    }

    /** A client whose scheduling joins the transaction {@code callers} finds, if any. */
    public SchedulerClient client(@Nullable CallerTransactions callers) {
        return new JdbiSchedulerClient(this, new CallerHandles(this, callers));
    }

    /** The database's current time. */
    public Instant now() {
        return jdbi.withHandle(h -> query(h, "now").mapTo(Instant.class).one());
    }

    Query query(Handle handle, String name) {
        return handle.createQuery(sql.get(name));
    }

    String sql(String name) {
        return sql.get(name);
    }

    Update update(Handle handle, String name) {
        return handle.createUpdate(sql.get(name));
    }
}
