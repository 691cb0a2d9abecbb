package io.lockcron.internal.node;

import io.lockcron.Scheduler;
import io.lockcron.SchedulerClient;
import io.lockcron.internal.fire.FireProtocol;
import io.lockcron.internal.fire.FireSettings;
import io.lockcron.internal.fire.Listeners;
import io.lockcron.internal.fire.NodeView;
import io.lockcron.internal.store.NodeStore;
import io.lockcron.internal.store.SchemaVerifier;
import io.lockcron.internal.store.Store;
import io.lockcron.internal.store.StoreFactory;
import io.lockcron.job.JobDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: polls {@code lock_cron}, sleeps until each job's next due time (on the
 * database clock), hands due jobs to the fire protocol on its worker threads, heartbeats, and
 * fences nodes whose heartbeat went stale.
 */
public final class SchedulerNode implements Scheduler, NodeView {
    private static final Logger log = LoggerFactory.getLogger(SchedulerNode.class);

    private final NodeConfig config;
    private final DataSource dataSource;
    private final Store store;
    private final List<JobDefinition> definitions;
    private final Map<String, JobDefinition> byHandler;
    private final Listeners listeners;
    private final DbClock clock;
    private final Outage outage;
    private final ScheduledThreadPoolExecutor timers;
    /** Its own thread: a slow poll, purge or renewal must never delay the proof that this node lives. */
    private final ScheduledThreadPoolExecutor heartbeats;

    private final ThreadPoolExecutor workers;
    private final FireProtocol protocol;
    private final Fencer fencer;
    private final HeartbeatWatch watch;
    private final Membership membership;
    private final AtomicBoolean steppingDown = new AtomicBoolean();
    private final FireScheduler fires;
    private volatile List<JobDefinition> pendingDefinitions = List.of();
    private final AtomicInteger membershipEpoch = new AtomicInteger();
    private volatile int incarnation;
    private volatile boolean running;
    private volatile boolean stopping;

    public SchedulerNode(DataSource dataSource, NodeConfig config, List<JobDefinition> definitions) {
        this.config = config;
        this.dataSource = dataSource;
        this.store = StoreFactory.create(dataSource, config.tablePrefix());
        this.definitions = definitions;
        this.byHandler = definitions.stream().collect(Collectors.toUnmodifiableMap(JobDefinition::name, d -> d));
        this.listeners = new Listeners(config.listeners());
        this.clock = new DbClock(config.clock());
        this.outage = new Outage(config.nodeId(), clock::now, this::databaseAvailability);
        store.attempts().lostConnectionsWitness(outage::wentDownAfter);
        this.timers = new ScheduledThreadPoolExecutor(2, Threads.named("lockcron-timer-" + config.nodeId()));
        this.timers.setRemoveOnCancelPolicy(true);
        this.heartbeats = new ScheduledThreadPoolExecutor(1, Threads.named("lockcron-heartbeat-" + config.nodeId()));
        this.workers = new ThreadPoolExecutor(
                config.workerThreads(),
                config.workerThreads(),
                0,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                config.workerThreadFactory() != null
                        ? config.workerThreadFactory()
                        : Threads.named("lockcron-worker-" + config.nodeId()));
        this.protocol = new FireProtocol(
                store,
                this,
                new FireSettings(
                        config.misfireThreshold(),
                        config.leaseDuration(),
                        config.idleLimit(),
                        config.fireTransactions()),
                timers,
                config.invoker(),
                listeners);
        var published = new NodeStore.Heartbeats(config.heartbeatInterval(), config.heartbeatTimeout());
        this.membership = new Membership(store, config.nodeId(), published);
        this.fencer = new Fencer(
                store,
                config.nodeId(),
                new Staleness(config.heartbeatInterval(), config.heartbeatTimeout()),
                listeners);
        this.fires = new FireScheduler(
                new FireScheduler.Setup(
                        config.pollInterval(),
                        byHandler,
                        config.workerThreads(),
                        timers,
                        workers,
                        () -> running && !steppingDown.get(),
                        () -> stopping,
                        fencer::liveNodes),
                store,
                clock,
                outage,
                protocol);
        this.watch = new HeartbeatWatch(fencer, heartbeats, config, () -> running, fires::freed);
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        if (stopping) {
            throw new IllegalStateException("Node " + config.nodeId() + " was stopped; a stopped Scheduler cannot be"
                    + " started again. Build a new one with Scheduler.builder(...).");
        }
        SchemaVerifier.verify(store);
        PoolSize.check(dataSource, config.workerThreads(), config.nodeId());
        clock.sample(store::now);
        pendingDefinitions = new JobRegistrar(store).register(definitions);
        incarnation = membership.join();
        store.sessions().own(config.nodeId(), incarnation); // fencers find this incarnation's sessions
        List<String> names = definitions.stream().map(JobDefinition::name).toList();
        store.registrations().record(config.nodeId(), names);
        watch.holdOff();
        running = true;
        timers.scheduleWithFixedDelay(this::poll, 0, config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        long heartbeat = config.heartbeatInterval().toMillis();
        heartbeats.scheduleAtFixedRate(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        watch.start();
        if (config.historyRetention() != null) {
            long purge = config.purgeInterval().toMillis();
            // Spread the nodes' purges; any one of them purging is enough.
            long firstPurge = ThreadLocalRandom.current().nextLong(Math.min(purge, 60_000) + 1);
            timers.scheduleWithFixedDelay(
                    new HistoryPurge(store, config.historyRetention(), outage::isDown),
                    firstPurge,
                    purge,
                    TimeUnit.MILLISECONDS);
        }
        log.info(
                "Node {} (incarnation {}) started with {} job(s): {}",
                config.nodeId(),
                incarnation,
                definitions.size(),
                byHandler.keySet());
    }

    /**
     * Stops taking fires, lets running ones finish for up to the shutdown timeout, then interrupts
     * them: an interrupted fire is handed back whole (rolled back, its lease released) so that
     * another node runs it at once. Heartbeats go on until then, so nobody fences a node that is
     * only finishing its work.
     */
    @Override
    public void stop() {
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            stopping = true;
        }
        fires.cancelAll();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn(
                        "Node {}: fires still running after {}; handing them back to the cluster",
                        config.nodeId(),
                        config.shutdownTimeout());
                workers.shutdownNow();
                workers.awaitTermination(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
        heartbeats.shutdownNow();
        try {
            membership.leave(incarnation);
        } catch (RuntimeException e) {
            log.warn("Node {} could not record that it left: {}", config.nodeId(), e.toString());
        }
        log.info("Node {} stopped", config.nodeId());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public String nodeId() {
        return config.nodeId();
    }

    @Override
    public SchedulerClient client() {
        return store.client();
    }

    @Override
    public int membershipEpoch() {
        return membershipEpoch.get();
    }

    @Override
    public boolean stopping() {
        return stopping;
    }

    @Override
    public Instant dbNow() {
        return clock.now();
    }

    /** Registers definitions that had to wait, then reads what may fall due soon. */
    private void poll() {
        if (!running) {
            return;
        }
        try {
            clock.sample(store::now);
            if (!pendingDefinitions.isEmpty()) {
                pendingDefinitions = new JobRegistrar(store).register(pendingDefinitions);
            }
            fires.poll();
            outage.succeeded();
        } catch (RuntimeException e) {
            outage.failed("poll", e);
        }
    }

    /**
     * Proves this node alive and notices if it was fenced meanwhile (then its running fires are
     * abandoned and it joins again as a new incarnation); while it beats, its watch fences nodes
     * that went silent.
     */
    private void heartbeat() {
        try {
            boolean beats = !steppingDown.get() && (store.nodes().heartbeat(config.nodeId(), incarnation) || rejoin());
            watch.beating(beats);
            if (beats) {
                outage.succeeded();
                clock.sample(store::now);
            }
        } catch (RuntimeException e) {
            watch.beating(false);
            outage.failed("heartbeat", e);
        }
    }

    /** False if this process must step down: another one runs with this node id now. */
    private boolean rejoin() {
        if (membership.displaced(incarnation)) { // not fenced: running fires commit (dropping them runs bodies twice)
            return stepDown();
        }
        membershipEpoch.incrementAndGet(); // fenced: fires begun before must not commit
        var next = membership.rejoin(incarnation);
        if (next.isEmpty()) {
            return stepDown();
        }
        incarnation = next.getAsInt();
        store.sessions().own(config.nodeId(), incarnation); // fencers find this incarnation's sessions
        watch.holdOff();
        return true;
    }

    private boolean stepDown() {
        if (steppingDown.compareAndSet(false, true)) {
            new Thread(this::stop, "lockcron-step-down-" + config.nodeId()).start();
        }
        return false;
    }

    private void databaseAvailability(boolean down) {
        protocol.databaseChanged(); // on the way out too: a promoted standby may hand out ids already seen
        if (!down) {
            watch.holdOff();
        }
        listeners.each(l -> l.databaseAvailability(down));
    }
}
