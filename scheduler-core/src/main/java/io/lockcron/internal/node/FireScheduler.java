package io.lockcron.internal.node;

import io.lockcron.internal.fire.DrainConnection;
import io.lockcron.internal.fire.FireProtocol;
import io.lockcron.internal.fire.FireResult;
import io.lockcron.internal.fire.Fired;
import io.lockcron.internal.store.JobRow;
import io.lockcron.internal.store.JobStore.DueRow;
import io.lockcron.internal.store.Store;
import io.lockcron.job.JobDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/**
 * When this node tries which fire: a poll reads what may fall due soon, a timer per job wakes at
 * its due time (on the database clock, as estimated), the job goes to the fire protocol on a
 * worker thread, and the fire's result says when to look again. Due-ness itself is decided in SQL.
 */
final class FireScheduler {
    /** The threads and state of the node it schedules for. */
    record Setup(
            Duration pollInterval,
            Map<String, JobDefinition> definitions,
            int workerThreads,
            ScheduledExecutorService timers,
            ExecutorService workers,
            BooleanSupplier running,
            BooleanSupplier stopping,
            IntSupplier liveNodes) {}

    /** {@code drain}: a scheduled fire, which any drain claims; else a request or a lease, tried by name. */
    private record Wake(Instant at, boolean drain, DrainWakes.Timer timer) {}

    private static final int MAX_FOREIGN = 1_000;
    /** Jobs whose requests one poll applies: the rest wait for the next poll, which stays short. */
    private static final int MAX_APPLIED_PER_POLL = 50;

    private final Setup setup;
    private final Store store;
    private final DbClock clock;
    private final Outage outage;
    private final FireProtocol protocol;
    private final DueDrain drain;
    private final DrainWakes drainWakes;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, Wake> wakes = new ConcurrentHashMap<>();
    /** Handlers of due rows this node cannot run (another service's jobs): drains leave them alone. */
    private final Set<String> foreign = ConcurrentHashMap.newKeySet();

    FireScheduler(Setup setup, Store store, DbClock clock, Outage outage, FireProtocol protocol) {
        this.setup = setup;
        this.store = store;
        this.clock = clock;
        this.outage = outage;
        this.protocol = protocol;
        this.drain = new DueDrain(
                new DueDrain.Sizing(setup.workerThreads(), setup.liveNodes()),
                setup.workers(),
                setup.timers(),
                this::claims,
                setup.running(),
                clock,
                store::now);
        this.drainWakes = new DrainWakes(setup.timers(), drain::signal);
    }

    /** Reads what may fall due soon: catches changes by other nodes and clients, and fires a crashed node left. */
    void poll() {
        Instant horizon = clock.now().plus(lookAhead());
        List<DueRow> rows = store.jdbi().withHandle(h -> store.jobs().dueCandidates(h, horizon));
        Set<String> seen = new HashSet<>();
        java.util.Map<String, Instant> held = new java.util.HashMap<>();
        rows.stream()
                .filter(r -> r.status() == io.lockcron.JobStatus.RUNNING && r.dueTime() != null && !r.requestsPending())
                .forEach(r -> held.put(r.name(), r.dueTime()));
        protocol.leaseWatch().observe(held, System.nanoTime());
        Set<String> withRequests = new HashSet<>();
        List<String> free = new ArrayList<>();
        for (DueRow row : rows) {
            if (row.requestsPending()) {
                if (withRequests.add(row.name())
                        && row.status() != io.lockcron.JobStatus.RUNNING
                        && !inFlight.contains(row.name())) {
                    free.add(row.name()); // a held lease applies them at its finish
                }
                continue;
            }
            if (!setup.definitions().containsKey(row.handlerName())) {
                noteForeign(row.handlerName()); // another service's job, or one this code no longer has
                continue;
            }
            if (!seen.add(row.name())) {
                continue;
            }
            Instant due = earliest(row.dueTime(), row.requestedAt());
            if (due == null) {
                cancel(row.name());
            } else {
                wakeAt(row.name(), due, clock.until(due), row.scheduled());
            }
        }
        store.requests().seen(withRequests);
        applyRequests(free);
        // A wake beyond the horizon was set by this node's own last fire; the poll cannot see it yet.
        wakes.entrySet()
                .removeIf(e ->
                        !seen.contains(e.getKey()) && !e.getValue().at().isAfter(horizon) && cancelled(e.getValue()));
    }

    /**
     * Applies the requests of jobs whose rows no fire holds now: a fire that ended before this
     * node's poll saw its requests, or crashed, left them. A held row is skipped, not waited for.
     */
    private void applyRequests(List<String> jobs) {
        for (String job : jobs.subList(0, Math.min(jobs.size(), MAX_APPLIED_PER_POLL))) {
            Optional<JobRow> row = store.requests().applyIfFree(job);
            if (row.isPresent() && setup.definitions().containsKey(row.get().handlerName())) {
                wakeNow(job, clock.now()); // its fire finds out when it is due now
            }
        }
    }

    /** Tries the job's fire now, e.g. once its requests were applied. */
    void wakeNow(String name, Instant dbNow) {
        wakeAt(name, dbNow, Duration.ZERO, false);
    }

    /**
     * Fencing a hung node freed the rows its fires held: tries the jobs its recorded attempts name,
     * and drains the due list, since a fire may have left no attempt to name it — the fires it held
     * were due, and are free now, instead of waiting for the next poll.
     */
    void freed(List<String> jobs) {
        Instant now = clock.now();
        jobs.forEach(job -> wakeNow(job, now));
        drain.signal(now, 1);
    }

    /** Forgets every wake: the node stops. */
    void cancelAll() {
        wakes.values().forEach(w -> w.timer().cancel());
        wakes.clear();
    }

    private void wakeAt(String name, Instant due, Duration delay, boolean scheduled) {
        if (!setup.running().getAsBoolean() || inFlight.contains(name)) {
            return; // the running fire looks again when it is done
        }
        Wake current = wakes.get(name);
        if (current != null
                && current.at().equals(due)
                && current.drain() == scheduled
                && !current.timer().done()
                && Math.abs(current.timer().delayMillis() - delay.toMillis()) < 250) {
            return; // already set for this time; a clock or offset step moves it (above 250 ms)
        }
        DrainWakes.Timer timer = scheduled
                ? drainWakes.join(due, delay)
                : DrainWakes.of(setup.timers().schedule(() -> submit(name), delay.toNanos(), TimeUnit.NANOSECONDS));
        Wake previous = wakes.put(name, new Wake(due, scheduled, timer));
        if (previous != null) {
            previous.timer().cancel();
        }
    }

    private void cancel(String name) {
        Wake wake = wakes.remove(name);
        if (wake != null) {
            wake.timer().cancel();
        }
    }

    private static boolean cancelled(Wake wake) {
        wake.timer().cancel();
        return true;
    }

    /** How far ahead a poll looks: two polls, so a slow or failed poll leaves nothing unseen. */
    private Duration lookAhead() {
        return setup.pollInterval().multipliedBy(2).plusSeconds(1);
    }

    private void submit(String name) {
        if (!setup.running().getAsBoolean() || !inFlight.add(name)) {
            return;
        }
        try {
            setup.workers().execute(() -> fire(name));
        } catch (RuntimeException e) {
            inFlight.remove(name); // shutting down
        }
    }

    private void fire(String name) {
        FireResult result = null;
        try {
            result = protocol.fire(name, setup.definitions()::get);
            outage.succeeded();
        } catch (RuntimeException e) {
            if (!setup.stopping().getAsBoolean()) {
                outage.failed("fire of job '" + name + "'", e);
            }
        } finally {
            inFlight.remove(name);
        }
        next(name, result);
    }

    /** A drain's claims, on a connection it holds between them. */
    private DueDrain.Claimer claims() {
        DrainConnection held = protocol.holdForDrain();
        return new DueDrain.Claimer() {
            @Override
            public DueDrain.Claimed fireDue(int max) {
                return FireScheduler.this.fireDue(held, max);
            }

            @Override
            public void close() {
                held.close();
            }
        };
    }

    /** One step of a drain: claims up to {@code max} due fires and runs them. */
    private DueDrain.Claimed fireDue(DrainConnection held, int max) {
        FireProtocol.Drained drained;
        try {
            drained = protocol.fireDue(held, foreign, setup.definitions()::get, max);
            outage.succeeded();
        } catch (RuntimeException e) {
            if (!setup.stopping().getAsBoolean()) {
                outage.failed("fire of the next due job", e);
            }
            return new DueDrain.Claimed(0, 0);
        }
        for (Fired f : drained.fired()) {
            if (!setup.definitions().containsKey(f.handlerName())) {
                noteForeign(f.handlerName());
            } else {
                next(f.job(), f.result());
            }
        }
        return new DueDrain.Claimed(drained.locked(), drained.fired().size());
    }

    private void noteForeign(String handler) {
        if (foreign.size() >= MAX_FOREIGN && !foreign.contains(handler)) {
            foreign.clear(); // never an unbounded query: start learning again
        }
        foreign.add(handler);
    }

    /** What a fire's result says about the job's next look. */
    private void next(String name, @Nullable FireResult result) {
        if (result instanceof FireResult.NotDue notDue && notDue.dueAt() != null) {
            // Measured against the database's own clock at the claim, not the estimated offset.
            Duration wait = Duration.between(notDue.dbNow(), notDue.dueAt());
            wakeAt(name, notDue.dueAt(), wait.isNegative() ? Duration.ofMillis(1) : wait, false);
        } else if (result instanceof FireResult.Done done && done.dueAt() != null) {
            // Most likely its next scheduled fire; a request made meanwhile is seen by the next poll.
            wakeAt(name, done.dueAt(), clock.until(done.dueAt()), true);
        }
        // Busy: another node runs it; the next poll sees where it stands.
    }

    private static @Nullable Instant earliest(@Nullable Instant a, @Nullable Instant b) {
        if (a == null) {
            return b;
        }
        return b != null && b.isBefore(a) ? b : a;
    }
}
