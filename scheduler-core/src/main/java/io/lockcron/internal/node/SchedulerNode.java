package io.lockcron.internal.node;

import io.lockcron.Scheduler;
import io.lockcron.SchedulerClient;
import io.lockcron.internal.fire.FireResult;
import io.lockcron.internal.fire.FireSettings;
import io.lockcron.internal.fire.Listeners;
import io.lockcron.internal.fire.NodeView;
import io.lockcron.internal.fire.TransactionalFire;
import io.lockcron.internal.store.JobStore.DueRow;
import io.lockcron.internal.store.SchemaVerifier;
import io.lockcron.internal.store.Store;
import io.lockcron.internal.store.StoreFactory;
import io.lockcron.job.JobDefinition;
import io.lockcron.job.JobHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
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
    private final Map<String, JobHandler> handlers;
    private final Map<String, JobDefinition> byHandler;
    private final Listeners listeners;
    private final DbClock clock;
    private final Outage outage;
    private final ScheduledThreadPoolExecutor timers;
    /** Its own thread: a slow poll, purge or renewal must never delay the proof that this node lives. */
    private final ScheduledThreadPoolExecutor heartbeats;

    private final ThreadPoolExecutor workers;
    private final TransactionalFire protocol;
    private final Fencer fencer;
    private final Membership membership;
    private final java.util.concurrent.atomic.AtomicBoolean steppingDown =
            new java.util.concurrent.atomic.AtomicBoolean();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private volatile List<JobDefinition> pendingDefinitions = List.of();
    private final Map<String, Wake> wakes = new ConcurrentHashMap<>();
    private final AtomicInteger membershipEpoch = new AtomicInteger();
    private volatile int incarnation;
    private volatile boolean running;
    private volatile boolean stopping;
    /** No fencing before this (monotonic) time: after an outage every heartbeat is stale, not every node hung. */
    private volatile long fenceNotBeforeNanos = Long.MAX_VALUE;

    private record Wake(Instant at, ScheduledFuture<?> future) {}

    public SchedulerNode(DataSource dataSource, NodeConfig config, List<JobDefinition> definitions) {
        this.config = config;
        this.dataSource = dataSource;
        this.store = StoreFactory.create(dataSource, config.tablePrefix());
        this.definitions = definitions;
        this.handlers =
                definitions.stream().collect(Collectors.toUnmodifiableMap(JobDefinition::name, JobDefinition::handler));
        this.byHandler = definitions.stream().collect(Collectors.toUnmodifiableMap(JobDefinition::name, d -> d));
        this.listeners = new Listeners(config.listeners());
        this.clock = new DbClock(config.clock());
        this.outage = new Outage(config.nodeId(), this::databaseAvailability);
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
        this.protocol = new TransactionalFire(
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
        this.membership = new Membership(
                store,
                config.nodeId(),
                new io.lockcron.internal.store.NodeStore.Heartbeats(
                        config.heartbeatInterval(), config.heartbeatTimeout()));
        this.fencer = new Fencer(
                store,
                config.nodeId(),
                new Staleness(config.heartbeatInterval(), config.heartbeatTimeout()),
                listeners);
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
        store.registrations()
                .record(
                        config.nodeId(),
                        definitions.stream().map(JobDefinition::name).toList());
        graceBeforeFencing();
        running = true;
        timers.scheduleWithFixedDelay(this::poll, 0, config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        long heartbeat = config.heartbeatInterval().toMillis();
        heartbeats.scheduleAtFixedRate(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        if (config.historyRetention() != null) {
            long purge = config.purgeInterval().toMillis();
            // Spread the nodes' purges; any one of them purging is enough.
            long firstPurge = ThreadLocalRandom.current().nextLong(Math.min(purge, 60_000) + 1);
            timers.scheduleWithFixedDelay(this::purge, firstPurge, purge, TimeUnit.MILLISECONDS);
        }
        log.info(
                "Node {} (incarnation {}) started with {} job(s): {}",
                config.nodeId(),
                incarnation,
                definitions.size(),
                handlers.keySet());
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
        wakes.values().forEach(w -> w.future().cancel(false));
        wakes.clear();
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

    /** Re-reads what is due; catches changes by other nodes and clients, and fires a crashed node left. */
    private void poll() {
        if (!running) {
            return;
        }
        try {
            clock.sample(store::now);
            if (!pendingDefinitions.isEmpty()) {
                pendingDefinitions = new JobRegistrar(store).register(pendingDefinitions);
            }
            List<DueRow> rows = store.jdbi().withHandle(h -> store.jobs().dueCandidates(h));
            Set<String> seen = new HashSet<>();
            for (DueRow row : rows) {
                if (!handlers.containsKey(row.handlerName())) {
                    continue; // another service's job, or one this version of the code no longer has
                }
                seen.add(row.name());
                Instant due = earliest(row.dueTime(), row.requestedAt());
                if (due == null) {
                    cancelWake(row.name());
                } else {
                    wakeAt(row.name(), due, clock.until(due));
                }
            }
            wakes.keySet().removeIf(name -> !seen.contains(name) && cancelWake(name));
            outage.succeeded();
        } catch (RuntimeException e) {
            outage.failed("poll", e);
        }
    }

    private void wakeAt(String name, Instant due, Duration delay) {
        if (!running || inFlight.contains(name)) {
            return; // the running fire looks again when it is done
        }
        Wake current = wakes.get(name);
        if (current != null
                && current.at().equals(due)
                && !current.future().isDone()
                && Math.abs(current.future().getDelay(TimeUnit.MILLISECONDS) - delay.toMillis()) < 250) {
            return; // already set for this time; a clock or offset step moves it (above 250 ms)
        }
        ScheduledFuture<?> future = timers.schedule(() -> submit(name), delay.toNanos(), TimeUnit.NANOSECONDS);
        Wake previous = wakes.put(name, new Wake(due, future));
        if (previous != null) {
            previous.future().cancel(false);
        }
    }

    private boolean cancelWake(String name) {
        Wake wake = wakes.remove(name);
        if (wake != null) {
            wake.future().cancel(false);
        }
        return true;
    }

    private void submit(String name) {
        if (!running || !inFlight.add(name)) {
            return;
        }
        try {
            workers.execute(() -> fire(name));
        } catch (RuntimeException e) {
            inFlight.remove(name); // shutting down
        }
    }

    private void fire(String name) {
        FireResult result = null;
        try {
            result = protocol.fire(name, byHandler::get);
            outage.succeeded();
        } catch (RuntimeException e) {
            if (!stopping) {
                outage.failed("fire of job '" + name + "'", e);
            }
        } finally {
            inFlight.remove(name);
        }
        if (result instanceof FireResult.NotDue notDue && notDue.dueAt() != null) {
            // Measured against the database's own clock at the claim, not the estimated offset.
            Duration wait = Duration.between(notDue.dbNow(), notDue.dueAt());
            wakeAt(name, notDue.dueAt(), wait.isNegative() ? Duration.ofMillis(1) : wait);
        } else if (result instanceof FireResult.Done done && done.dueAt() != null) {
            wakeAt(name, done.dueAt(), clock.until(done.dueAt()));
        }
        // Busy: another node runs it; the next poll sees where it stands.
    }

    /**
     * Proves this node alive, notices if it was fenced meanwhile (then its running fires are
     * abandoned and it joins again as a new incarnation), and fences nodes that went silent.
     */
    private void heartbeat() {
        try {
            if (steppingDown.get() || !store.nodes().heartbeat(config.nodeId(), incarnation) && !rejoin()) {
                return;
            }
            outage.succeeded();
            Instant now = clock.sample(store::now); // the database's time itself: fencing must not trust an estimate
            if (running && System.nanoTime() - fenceNotBeforeNanos >= 0) {
                fencer.fenceStale(job -> wakeAt(job, now, Duration.ZERO));
            }
        } catch (RuntimeException e) {
            outage.failed("heartbeat", e);
        }
    }

    /** False if this process must step down: another one runs with this node id now. */
    private boolean rejoin() {
        membershipEpoch.incrementAndGet(); // fires begun before must not commit
        var next = membership.rejoin(incarnation);
        if (next.isEmpty()) {
            if (steppingDown.compareAndSet(false, true)) {
                new Thread(this::stop, "lockcron-step-down-" + config.nodeId()).start();
            }
            return false;
        }
        incarnation = next.getAsInt();
        store.sessions().own(config.nodeId(), incarnation); // fencers find this incarnation's sessions
        graceBeforeFencing();
        return true;
    }

    /** Wait one heartbeat timeout before judging others: their heartbeats may have been held up like ours. */
    private void graceBeforeFencing() {
        fenceNotBeforeNanos = System.nanoTime() + config.heartbeatTimeout().toNanos();
    }

    private void databaseAvailability(boolean down) {
        if (!down) {
            graceBeforeFencing();
            protocol.databaseRecovered();
        }
        listeners.each(l -> l.databaseAvailability(down));
    }

    private void purge() {
        Duration retention = config.historyRetention();
        if (retention == null || outage.isDown()) {
            return;
        }
        try {
            int purged = store.client().purgeHistory(store.now().minus(retention));
            if (purged > 0) {
                log.info("Purged {} execution(s) older than {}", purged, retention);
            }
        } catch (RuntimeException e) {
            log.warn("Purging history failed: {}", e.toString());
        }
    }

    private static @Nullable Instant earliest(@Nullable Instant a, @Nullable Instant b) {
        if (a == null) {
            return b;
        }
        return b != null && b.isBefore(a) ? b : a;
    }
}
