package io.lockcron;

import io.lockcron.internal.node.NodeConfig;
import io.lockcron.internal.node.SchedulerNode;
import io.lockcron.job.FireTransactions;
import io.lockcron.job.JobDefinition;
import io.lockcron.job.JobInvoker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** Configures a {@link Scheduler}. Every setting has a default, named {@code DEFAULT_*} here. */
public final class SchedulerBuilder {
    /** How often a node re-reads {@code lock_cron}: the bound on noticing other nodes' changes and crashes. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(2);
    /**
     * A node whose heartbeat is older than this is fenced by a live node: its database sessions
     * are killed and its fires taken over.
     */
    public static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);
    /** How long a lease-mode claim lasts unless renewed; renewed every third of it. */
    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(30);
    /**
     * How long the database server lets a fire's session sit idle in its transaction before it ends
     * the session itself: the backstop that frees a hung node's locks if no live node fences it.
     * Above HikariCP's default connection lifetime (30 minutes), because MySQL's wait_timeout also
     * counts the idle time of pooled connections. Raised to fit the longest job timeout.
     */
    public static final Duration DEFAULT_IDLE_LIMIT = Duration.ofMinutes(31);
    /** Fires running at once on one node. The connection pool needs at least this many plus three. */
    public static final int DEFAULT_WORKER_THREADS = 5;
    /** How late a fire may start and still count as on time rather than missed. */
    public static final Duration DEFAULT_MISFIRE_THRESHOLD = Duration.ofSeconds(5);

    public static final Duration DEFAULT_HISTORY_RETENTION = Duration.ofDays(14);
    public static final Duration DEFAULT_PURGE_INTERVAL = Duration.ofHours(1);
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    public static final String DEFAULT_TABLE_PREFIX = "";

    private final DataSource dataSource;
    private @Nullable String nodeId;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
    private Duration heartbeatTimeout = DEFAULT_HEARTBEAT_TIMEOUT;
    private Duration leaseDuration = DEFAULT_LEASE_DURATION;
    private Duration idleLimit = DEFAULT_IDLE_LIMIT;
    private int workerThreads = DEFAULT_WORKER_THREADS;
    private Duration misfireThreshold = DEFAULT_MISFIRE_THRESHOLD;
    private @Nullable Duration historyRetention = DEFAULT_HISTORY_RETENTION;
    private Duration purgeInterval = DEFAULT_PURGE_INTERVAL;
    private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
    private String tablePrefix = DEFAULT_TABLE_PREFIX;
    private Clock clock = Clock.systemUTC();
    private final List<JobDefinition> jobs = new ArrayList<>();
    private JobInvoker invoker = JobInvoker.DIRECT;
    private @Nullable FireTransactions fireTransactions;
    private @Nullable ThreadFactory workerThreadFactory;
    private final List<SchedulerListener> listeners = new ArrayList<>();

    SchedulerBuilder(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The id a node gets when none is set: host name, process id and a random suffix. */
    public static String defaultNodeId() {
        return NodeConfig.defaultNodeId();
    }

    /** This node's id in {@code scheduler_node}; default: {@link #defaultNodeId()}. */
    public SchedulerBuilder nodeId(String nodeId) {
        if (nodeId == null || nodeId.isBlank() || nodeId.length() > NodeConfig.MAX_NODE_ID) {
            throw new IllegalArgumentException("node id '" + nodeId + "' must be 1 to " + NodeConfig.MAX_NODE_ID
                    + " characters (scheduler_node.node_id); give each node a short unique id");
        }
        this.nodeId = nodeId;
        return this;
    }

    public SchedulerBuilder pollInterval(Duration pollInterval) {
        this.pollInterval = positive("poll interval", pollInterval);
        return this;
    }

    public SchedulerBuilder heartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = positive("heartbeat interval", heartbeatInterval);
        return this;
    }

    /** How stale a node's heartbeat may get before live nodes fence it; keep it several heartbeats long. */
    public SchedulerBuilder heartbeatTimeout(Duration heartbeatTimeout) {
        this.heartbeatTimeout = positive("heartbeat timeout", heartbeatTimeout);
        return this;
    }

    public SchedulerBuilder leaseDuration(Duration leaseDuration) {
        this.leaseDuration = positive("lease duration", leaseDuration);
        return this;
    }

    /** The server-side idle limit of a fire's session; see {@link #DEFAULT_IDLE_LIMIT}. */
    public SchedulerBuilder idleLimit(Duration idleLimit) {
        this.idleLimit = positive("idle limit", idleLimit);
        return this;
    }

    public SchedulerBuilder workerThreads(int workerThreads) {
        if (workerThreads < 1) {
            throw new IllegalArgumentException("worker threads must be at least 1, was " + workerThreads);
        }
        this.workerThreads = workerThreads;
        return this;
    }

    public SchedulerBuilder misfireThreshold(Duration misfireThreshold) {
        this.misfireThreshold = positive("misfire threshold", misfireThreshold);
        return this;
    }

    /** How long executions, attempts and failovers are kept; null keeps them forever. */
    public SchedulerBuilder historyRetention(@Nullable Duration historyRetention) {
        this.historyRetention = historyRetention == null ? null : positive("history retention", historyRetention);
        return this;
    }

    public SchedulerBuilder purgeInterval(Duration purgeInterval) {
        this.purgeInterval = positive("purge interval", purgeInterval);
        return this;
    }

    public SchedulerBuilder shutdownTimeout(Duration shutdownTimeout) {
        if (shutdownTimeout == null || shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("shutdown timeout must be zero or more, was " + shutdownTimeout);
        }
        this.shutdownTimeout = shutdownTimeout;
        return this;
    }

    /** A prefix for every lockcron table name, e.g. {@code billing_} for {@code billing_lock_cron}. */
    public SchedulerBuilder tablePrefix(String tablePrefix) {
        this.tablePrefix = tablePrefix;
        return this;
    }

    /**
     * The node's clock. It only turns database times into local sleeps: what is due is decided by
     * the database clock, so a wrong node clock delays nothing. Settable for tests of exactly that.
     */
    public SchedulerBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    public SchedulerBuilder job(JobDefinition job) {
        jobs.add(job);
        return this;
    }

    public SchedulerBuilder jobs(Collection<JobDefinition> jobs) {
        this.jobs.addAll(jobs);
        return this;
    }

    /** Wraps every job body; see {@link JobInvoker}. */
    public SchedulerBuilder jobInvoker(JobInvoker invoker) {
        this.invoker = Objects.requireNonNull(invoker, "invoker");
        return this;
    }

    /**
     * Who begins and ends the transactions of transactional fires; see {@link FireTransactions}.
     * Default (null): lockcron opens them on connections of its own DataSource.
     */
    public SchedulerBuilder fireTransactions(@Nullable FireTransactions fireTransactions) {
        this.fireTransactions = fireTransactions;
        return this;
    }

    /**
     * The threads that run fires, {@link #workerThreads} of them at most; default (null): daemon
     * platform threads named {@code lockcron-worker-<node id>-<n>}. On Java 21+ a virtual-thread
     * factory ({@code Thread.ofVirtual().name("lockcron-worker-", 1).factory()}) suits jobs that
     * mostly wait; the number of fires at once, and so of connections, stays bounded either way.
     */
    public SchedulerBuilder workerThreadFactory(@Nullable ThreadFactory workerThreadFactory) {
        this.workerThreadFactory = workerThreadFactory;
        return this;
    }

    public SchedulerBuilder listener(SchedulerListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** @throws InvalidJobException if two jobs share a name */
    public Scheduler build() {
        Set<String> names = new HashSet<>();
        for (JobDefinition job : jobs) {
            if (!names.add(job.name())) {
                throw new InvalidJobException("Two jobs are named '" + job.name()
                        + "'. Job names key lock_cron and must be unique: rename one of them.");
            }
        }
        if (heartbeatTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("heartbeat timeout " + heartbeatTimeout + " must be at least twice the"
                    + " heartbeat interval " + heartbeatInterval + ", or healthy nodes get fenced");
        }
        NodeConfig config = new NodeConfig(
                nodeId == null ? NodeConfig.defaultNodeId() : nodeId,
                pollInterval,
                heartbeatInterval,
                heartbeatTimeout,
                leaseDuration,
                idleLimitFor(jobs),
                workerThreads,
                misfireThreshold,
                historyRetention,
                purgeInterval,
                shutdownTimeout,
                tablePrefix,
                clock,
                invoker,
                fireTransactions,
                workerThreadFactory,
                List.copyOf(listeners));
        return new SchedulerNode(dataSource, config, List.copyOf(jobs));
    }

    /** The idle limit, raised so that no job with a timeout is cut short by it. */
    private Duration idleLimitFor(List<JobDefinition> jobs) {
        Duration limit = idleLimit;
        for (JobDefinition job : jobs) {
            if (job.timeout() != null && job.timeout().plusMinutes(1).compareTo(limit) > 0) {
                limit = job.timeout().plusMinutes(1);
            }
        }
        return limit;
    }

    private static Duration positive(String what, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
        return d;
    }
}
