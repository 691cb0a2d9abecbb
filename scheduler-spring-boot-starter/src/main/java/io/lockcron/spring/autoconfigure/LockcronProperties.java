package io.lockcron.spring.autoconfigure;

import io.lockcron.SchedulerBuilder;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;

/**
 * The {@code lockcron.*} settings. Each default is the core's {@code SchedulerBuilder.DEFAULT_*}
 * constant of the same name.
 */
@ConfigurationProperties("lockcron")
public class LockcronProperties {
    /** Whether to run a lockcron node in this application. */
    private boolean enabled = true;

    /**
     * This node's id in scheduler_node, unique in the cluster and stable across a restart of the
     * same instance; at most 100 characters. Default: host name and process id.
     */
    private @Nullable String nodeId;

    /** A prefix for every lockcron table name, e.g. "billing_" for billing_lock_cron. */
    private String tablePrefix = SchedulerBuilder.DEFAULT_TABLE_PREFIX;

    /** How often the node re-reads lock_cron: the bound on noticing other nodes' changes and crashes. */
    private Duration pollInterval = SchedulerBuilder.DEFAULT_POLL_INTERVAL;

    /** How often the node records in scheduler_node that it is alive. */
    private Duration heartbeatInterval = SchedulerBuilder.DEFAULT_HEARTBEAT_INTERVAL;

    /**
     * How stale another node's heartbeat may get before this node fences it (kills its database
     * sessions and takes its fires over). At least twice the heartbeat interval.
     */
    private Duration heartbeatTimeout = SchedulerBuilder.DEFAULT_HEARTBEAT_TIMEOUT;

    /** How long a lease-mode claim lasts unless renewed; renewed every third of it. */
    private Duration leaseDuration = SchedulerBuilder.DEFAULT_LEASE_DURATION;

    /**
     * How long the database lets a fire's session sit idle in its transaction before it ends the
     * session itself: the backstop that frees a hung node's locks if no live node fences it.
     */
    private Duration idleLimit = SchedulerBuilder.DEFAULT_IDLE_LIMIT;

    /** Fires running at once on this node. The connection pool needs at least this many plus three. */
    private int workerThreads = SchedulerBuilder.DEFAULT_WORKER_THREADS;

    /** How late a fire may start and still count as on time rather than missed. */
    private Duration misfireThreshold = SchedulerBuilder.DEFAULT_MISFIRE_THRESHOLD;

    /**
     * How long running fires may take to finish when the application stops; fires still running
     * then are rolled back and run by another node. Keep it below
     * spring.lifecycle.timeout-per-shutdown-phase.
     */
    private Duration shutdownTimeout = SchedulerBuilder.DEFAULT_SHUTDOWN_TIMEOUT;

    private final History history = new History();

    private final Schema schema = new Schema();

    private final Health health = new Health();

    private final Shedlock shedlock = new Shedlock();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable String getNodeId() {
        return nodeId;
    }

    public void setNodeId(@Nullable String nodeId) {
        this.nodeId = nodeId;
    }

    public String getTablePrefix() {
        return tablePrefix;
    }

    public void setTablePrefix(String tablePrefix) {
        this.tablePrefix = tablePrefix;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getHeartbeatInterval() {
        return heartbeatInterval;
    }

    public void setHeartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    public Duration getHeartbeatTimeout() {
        return heartbeatTimeout;
    }

    public void setHeartbeatTimeout(Duration heartbeatTimeout) {
        this.heartbeatTimeout = heartbeatTimeout;
    }

    public Duration getLeaseDuration() {
        return leaseDuration;
    }

    public void setLeaseDuration(Duration leaseDuration) {
        this.leaseDuration = leaseDuration;
    }

    public Duration getIdleLimit() {
        return idleLimit;
    }

    public void setIdleLimit(Duration idleLimit) {
        this.idleLimit = idleLimit;
    }

    public int getWorkerThreads() {
        return workerThreads;
    }

    public void setWorkerThreads(int workerThreads) {
        this.workerThreads = workerThreads;
    }

    public Duration getMisfireThreshold() {
        return misfireThreshold;
    }

    public void setMisfireThreshold(Duration misfireThreshold) {
        this.misfireThreshold = misfireThreshold;
    }

    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public History getHistory() {
        return history;
    }

    public Schema getSchema() {
        return schema;
    }

    public Health getHealth() {
        return health;
    }

    public Shedlock getShedlock() {
        return shedlock;
    }

    /** Execution history in job_execution, fire_attempt and failover_event. */
    public static class History {
        /** How long executions, attempts and failovers are kept. 0 keeps them forever. */
        private Duration retention = SchedulerBuilder.DEFAULT_HISTORY_RETENTION;

        /** How often a node deletes history older than the retention. */
        private Duration purgeInterval = SchedulerBuilder.DEFAULT_PURGE_INTERVAL;

        public Duration getRetention() {
            return retention;
        }

        public void setRetention(Duration retention) {
            this.retention = retention;
        }

        public Duration getPurgeInterval() {
            return purgeInterval;
        }

        public void setPurgeInterval(Duration purgeInterval) {
            this.purgeInterval = purgeInterval;
        }
    }

    /** Creating the lockcron tables. */
    public static class Schema {
        /**
         * When to run the shipped sql/&lt;dialect&gt;/schema.sql at startup: "embedded" (only on an
         * embedded database such as H2), "always", or "never" (run it yourself, as for production).
         */
        private DatabaseInitializationMode initialize = DatabaseInitializationMode.EMBEDDED;

        public DatabaseInitializationMode getInitialize() {
            return initialize;
        }

        public void setInitialize(DatabaseInitializationMode initialize) {
            this.initialize = initialize;
        }
    }

    /** The "lockcron" health indicator. */
    public static class Health {
        /**
         * How old this node's last heartbeat may be, on the database clock, before the node is
         * reported DOWN. Default: three heartbeat intervals.
         */
        private @Nullable Duration maxHeartbeatAge;

        public @Nullable Duration getMaxHeartbeatAge() {
            return maxHeartbeatAge;
        }

        public void setMaxHeartbeatAge(@Nullable Duration maxHeartbeatAge) {
            this.maxHeartbeatAge = maxHeartbeatAge;
        }
    }

    /** ShedLock interop. */
    public static class Shedlock {
        /**
         * Whether to provide a ShedLock LockProvider on lockcron's tables when ShedLock is on the
         * classpath and the application defines no LockProvider of its own.
         */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** The heartbeat age above which the health indicator reports this node DOWN. */
    Duration maxHeartbeatAge() {
        return health.maxHeartbeatAge != null ? health.maxHeartbeatAge : heartbeatInterval.multipliedBy(3);
    }
}
