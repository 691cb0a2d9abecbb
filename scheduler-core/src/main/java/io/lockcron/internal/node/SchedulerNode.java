package io.lockcron.internal.node;

import io.lockcron.Scheduler;
import io.lockcron.SchedulerClient;
import io.lockcron.internal.fire.FireResult;
import io.lockcron.internal.fire.Listeners;
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
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: polls {@code lock_cron}, sleeps until each job's next due time (on the
 * database clock), and hands due jobs to the fire protocol on its worker threads.
 */
public final class SchedulerNode implements Scheduler {
    private static final Logger log = LoggerFactory.getLogger(SchedulerNode.class);

    private final NodeConfig config;
    private final Store store;
    private final List<JobDefinition> definitions;
    private final Map<String, JobHandler> handlers;
    private final DbClock clock;
    private final Outage outage;
    private final ScheduledThreadPoolExecutor timers;
    private final ThreadPoolExecutor workers;
    private final TransactionalFire protocol;
    private final Listeners listeners;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, Wake> wakes = new ConcurrentHashMap<>();
    private volatile boolean running;

    private record Wake(Instant at, ScheduledFuture<?> future) {}

    public SchedulerNode(DataSource dataSource, NodeConfig config, List<JobDefinition> definitions) {
        this.config = config;
        this.store = StoreFactory.create(dataSource, config.tablePrefix());
        this.definitions = definitions;
        this.handlers =
                definitions.stream().collect(Collectors.toUnmodifiableMap(JobDefinition::name, JobDefinition::handler));
        this.listeners = new Listeners(config.listeners());
        this.clock = new DbClock(config.clock());
        this.outage = new Outage(config.nodeId(), down -> listeners.each(l -> l.databaseAvailability(down)));
        this.timers = new ScheduledThreadPoolExecutor(1, Threads.named("lockcron-timer-" + config.nodeId()));
        this.timers.setRemoveOnCancelPolicy(true);
        this.workers = new ThreadPoolExecutor(
                config.workerThreads(),
                config.workerThreads(),
                0,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                Threads.named("lockcron-worker-" + config.nodeId()));
        this.protocol = new TransactionalFire(
                store, config.nodeId(), config.misfireThreshold(), timers, config.invoker(), listeners);
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        SchemaVerifier.verify(store);
        clock.sample(store::now);
        new JobRegistrar(store).register(definitions);
        store.nodes()
                .join(
                        config.nodeId(),
                        NodeConfig.host(),
                        ProcessHandle.current().pid());
        running = true;
        timers.scheduleWithFixedDelay(this::poll, 0, config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        long heartbeat = config.heartbeatInterval().toMillis();
        timers.scheduleAtFixedRate(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        if (config.historyRetention() != null) {
            long purge = config.purgeInterval().toMillis();
            // Spread the nodes' purges; any one of them purging is enough.
            long firstPurge = ThreadLocalRandom.current().nextLong(Math.min(purge, 60_000) + 1);
            timers.scheduleWithFixedDelay(this::purge, firstPurge, purge, TimeUnit.MILLISECONDS);
        }
        log.info("Node {} started with {} job(s): {}", config.nodeId(), definitions.size(), handlers.keySet());
    }

    @Override
    public void stop() {
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
        }
        timers.getQueue().clear();
        wakes.clear();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn(
                        "Node {}: fires still running after {}; interrupting them (they roll back and another"
                                + " node runs them)",
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
        try {
            store.nodes().leave(config.nodeId());
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

    /** Re-reads what is due; catches changes by other nodes and clients, and fires a crashed node left. */
    private void poll() {
        if (!running) {
            return;
        }
        try {
            clock.sample(store::now);
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
        if (current != null && current.at().equals(due) && !current.future().isDone()) {
            return;
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
            result = protocol.fire(name, handlerLookup());
            outage.succeeded();
        } catch (RuntimeException e) {
            outage.failed("fire of job '" + name + "'", e);
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

    private Function<String, @Nullable JobHandler> handlerLookup() {
        return handlers::get;
    }

    private void heartbeat() {
        try {
            if (!store.nodes().heartbeat(config.nodeId())) {
                log.warn("Node {} was not an active member any more; joining again", config.nodeId());
                store.nodes()
                        .join(
                                config.nodeId(),
                                NodeConfig.host(),
                                ProcessHandle.current().pid());
            }
            outage.succeeded();
        } catch (RuntimeException e) {
            outage.failed("heartbeat", e);
        }
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
