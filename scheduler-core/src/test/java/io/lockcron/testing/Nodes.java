package io.lockcron.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.Scheduler;
import io.lockcron.SchedulerBuilder;
import io.lockcron.job.JobDefinition;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts scheduler nodes for a test, each on its own connection pool, and stops them all after
 * the test, whether it passed or not.
 */
public final class Nodes implements AfterEachCallback {
    /** Workers plus the poller, heartbeat and attempt records: see README "Connection pool". */
    private static final int POOL_SIZE = SchedulerBuilder.DEFAULT_WORKER_THREADS + 8;

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final List<Scheduler> schedulers = new java.util.ArrayList<>();
    private TestDatabase database;

    public void use(TestDatabase database) {
        this.database = database;
    }

    /** A pool that is closed after the test. */
    public HikariDataSource pool(int size) {
        HikariDataSource pool = database.newDataSource(size);
        started.push(pool);
        return pool;
    }

    /** A node in a process of its own, killed after the test if still alive. */
    public NodeProcess process(String nodeId, String... options) throws java.io.IOException {
        NodeProcess process = NodeProcess.start(database, nodeId, options);
        started.push(process);
        return process;
    }

    /** A pool through {@code proxy}, closed after the test. */
    public HikariDataSource pool(TcpProxy proxy, int size) {
        HikariDataSource pool = database.newDataSource(size, proxy.rewrite(database.url()));
        pool.setConnectionTimeout(2000);
        started.push(pool);
        return pool;
    }

    /** Builds and starts a node whose connections go to {@code url} (say, several hosts behind proxies). */
    public Scheduler startAt(
            String url, String nodeId, List<JobDefinition> jobs, Consumer<SchedulerBuilder> customizer) {
        HikariDataSource pool = database.newDataSource(POOL_SIZE, url);
        started.push(pool);
        Scheduler scheduler = build(pool, nodeId, jobs, customizer);
        scheduler.start();
        return scheduler;
    }

    /** Builds and starts a node whose every connection goes through {@code proxy}. */
    public Scheduler startVia(
            TcpProxy proxy, String nodeId, List<JobDefinition> jobs, Consumer<SchedulerBuilder> customizer) {
        Scheduler scheduler = build(pool(proxy, POOL_SIZE), nodeId, jobs, customizer);
        scheduler.start();
        return scheduler;
    }

    /** Builds and starts a node with fast test settings, {@code customizer} applied last. */
    public Scheduler start(String nodeId, List<JobDefinition> jobs, Consumer<SchedulerBuilder> customizer) {
        Scheduler scheduler = build(nodeId, jobs, customizer);
        scheduler.start();
        return scheduler;
    }

    /** Builds and starts a node on {@code pool} (e.g. a wrapped one), {@code customizer} applied last. */
    public Scheduler start(
            DataSource pool, String nodeId, List<JobDefinition> jobs, Consumer<SchedulerBuilder> customizer) {
        Scheduler scheduler = build(pool, nodeId, jobs, customizer);
        scheduler.start();
        return scheduler;
    }

    public Scheduler start(String nodeId, List<JobDefinition> jobs) {
        return start(nodeId, jobs, b -> {});
    }

    public Scheduler build(String nodeId, List<JobDefinition> jobs, Consumer<SchedulerBuilder> customizer) {
        return build(pool(POOL_SIZE), nodeId, jobs, customizer);
    }

    private Scheduler build(
            DataSource pool, String nodeId, List<JobDefinition> jobs, Consumer<SchedulerBuilder> customizer) {
        SchedulerBuilder builder = Scheduler.builder(pool)
                .nodeId(nodeId)
                .pollInterval(Duration.ofMillis(300))
                .shutdownTimeout(Duration.ofSeconds(10))
                .jobs(jobs);
        customizer.accept(builder);
        Scheduler scheduler = builder.build();
        started.push(scheduler);
        schedulers.add(scheduler);
        return scheduler;
    }

    /** Stops one node now (the after-test stop then does nothing for it). */
    public void stop(Scheduler scheduler) {
        scheduler.stop();
    }

    /** Stops every node started so far, all at once, as a cluster shutdown does. */
    public void stopAll() {
        schedulers.parallelStream().forEach(Scheduler::stop);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Exception first = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
