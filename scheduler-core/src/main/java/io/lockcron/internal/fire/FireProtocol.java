package io.lockcron.internal.fire;

import io.lockcron.internal.store.JobStore.Locked;
import io.lockcron.internal.store.Store;
import io.lockcron.job.ExecutionMode;
import io.lockcron.job.JobDefinition;
import io.lockcron.job.JobInvoker;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * The fire protocol. Every fire begins with a claim in a transaction of its own, then runs in one
 * of two ways — the two runs are peers, each consuming the one {@link Claim} value:
 *
 * <pre>
 * BEGIN (READ COMMITTED)
 * SELECT ... FROM lock_cron WHERE lock_name = ?               FOR UPDATE SKIP LOCKED  -- by name, or
 * SELECT ... WHERE status = 'IDLE' AND due_time <= NOW()
 *            ORDER BY due_time LIMIT 1                       FOR UPDATE SKIP LOCKED  -- the next due fire
 * claim ({@link FireClaimer}): plan the fire on the database clock (misfire policy, retries, a
 *   takeover of a fire another node started). The claim's read also says whether the fire has an
 *   attempt or an execution on record already. If not — a first attempt, run in this transaction —
 *   nothing more is written now: the attempt ({@link FireAttempt}) goes on record, in a short
 *   transaction of its own, only before the job first touches the fire's connection, when the job
 *   asks for its fencing token (the record's id), or once the fire has run 100 ms. Otherwise (a
 *   retry, a takeover, a lease, a caller's transaction): INSERT fire_attempt at once in a short
 *   transaction of its own (a lost attempt found here is closed and recorded as a failover), and
 *   INSERT job_execution RUNNING unless the fire has one (the idempotency guard)
 * transactional run ({@link TransactionalRun}):
 *   run the job on this very transaction, through a connection that refuses to end it; before its
 *   first use: attempt on record, INSERT job_execution RUNNING, SAVEPOINT body; on failure
 *   ROLLBACK TO SAVEPOINT body
 *   UPDATE lock_cron (next fire, or retry); UPDATE job_execution (outcome) — or, for a job that
 *   never touched the transaction, INSERT job_execution with its outcome; UPDATE fire_attempt if
 *   on record; check that the transaction is still the one that took the lock; COMMIT -- unlock
 * lease run ({@link LeaseRun}):
 *   UPDATE lock_cron SET status = 'RUNNING', owner, lease_until, fencing_token; COMMIT
 *   run the job outside any transaction, renewing the lease; finish in a short transaction
 *   that only the current token can commit
 * </pre>
 *
 * The row lock, not a status flag, keeps other nodes out: if this process dies, the database rolls
 * the transaction back, frees the row and the fire is still due for the next node, which finds
 * the open attempt and records the failover. A fire lost before its attempt went on record (the
 * node died within its first 100 ms, before its job touched the transaction or asked for a token)
 * leaves nothing behind: nothing of it committed, no token of it was seen, and the next node runs it
 * as a first attempt, with no failover on record. A hung node is fenced: its labelled sessions are
 * killed, so its work can never commit; a node that learns it was fenced commits nothing. A fire
 * whose own transaction cannot be committed is recorded in a new one ({@link
 * LostTransactionRecorder}). Nodes drain the due list with the second form of the lock, so they
 * never spend a lock attempt on a fire another node holds.
 *
 * <p>A burst of due fires is claimed as a batch ({@link FireBatch}): the second form with {@code
 * LIMIT n}, its rows' first attempts run one after another in that transaction, which commits them
 * together; a fire whose job touches the transaction gets one of its own first (the batch commits
 * what it ran, the fire's attempt goes on record and it locks its row again). Rows the batch cannot
 * run as such (retries, takeovers, skipped misfires, requests, leases) are claimed by name afterwards.
 * A drain's claims run one after another on one connection it holds between them ({@link
 * DrainConnection}), set to manual commit and READ COMMITTED once.
 */
public final class FireProtocol {

    private final Store store;
    private final NodeView node;
    private final FireHandles handles;
    private final SessionLimits sessionLimits;
    private final FireClaimer claimer;
    private final TransactionalRun transactional;
    private final LeaseRun leases;
    private final LeaseWatch leaseWatch;
    private final HandlerHabits habits = new HandlerHabits();
    private final DrainConnection.Handles drainHandles;
    private final DueClaims dueClaims;

    public FireProtocol(
            Store store,
            NodeView node,
            FireSettings settings,
            ScheduledExecutorService timers,
            JobInvoker invoker,
            Listeners listeners) {
        this.store = store;
        this.node = node;
        this.handles = new FireHandles(store, settings.transactions());
        this.drainHandles = new DrainConnection.Handles(store);
        this.sessionLimits = new SessionLimits(store.dialect(), settings.idleLimit());
        Finisher finisher = new Finisher(node, listeners);
        JobBody body = new JobBody(timers, invoker);
        this.leaseWatch = new LeaseWatch(settings.leaseDuration());
        this.claimer = new FireClaimer(
                store,
                node,
                new FirePlanner(settings.misfireThreshold(), leaseWatch),
                listeners,
                // Not on Galera: there row locks hold on one member only, and the attempt's committed
                // INSERT is what lets one claim of a fire win across members.
                handles.perJob() || store.dialect().certifiesCommits()
                        ? null
                        : new FireClaimer.Deferral(timers, attemptRecorder(node.nodeId())));
        this.transactional = new TransactionalRun(store, node, body, sessionLimits, finisher, habits);
        this.leases = new LeaseRun(store, node, settings.leaseDuration(), body, finisher);
        this.dueClaims = new DueClaims(this, store, node, claimer, transactional, habits);
    }

    /**
     * The thread that puts long fires' attempts on record ({@link FireAttempt}); it ends when idle,
     * so a stopped node leaves none behind.
     */
    private static Executor attemptRecorder(String nodeId) {
        ThreadPoolExecutor recorder =
                new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "lockcron-attempts-" + nodeId);
                    t.setDaemon(true);
                    return t;
                });
        recorder.allowCoreThreadTimeOut(true);
        return recorder;
    }

    /** The held leases this node watches before taking one over; fed by the node's polls. */
    public LeaseWatch leaseWatch() {
        return leaseWatch;
    }

    /**
     * Tries to run the due fire of {@code jobName}, with the local definition {@code definitions}
     * gives for the row's handler name: its handler, and its execution mode (this node's code
     * decides how the handler runs, not a row another release wrote). Database failures
     * propagate; the fire then stays due.
     */
    public FireResult fire(String jobName, Function<String, @Nullable JobDefinition> definitions) {
        return attempt(
                        () -> handles.open(jobName),
                        h -> store.jobs().tryLock(h, jobName),
                        "job '" + jobName + "'",
                        definitions)
                .map(Fired::result)
                .orElseGet(FireResult.Busy::new);
    }

    /**
     * Claims whichever scheduled fire is due first and free (other nodes' claims are skipped, not
     * waited for) and runs it as {@link #fire} would; empty if none is. Rows of {@code foreign}
     * handlers are left alone. A {@link io.lockcron.job.FireTransactions} begins the transaction
     * before the job is known, and is told the job once its row is locked.
     */
    public Optional<Fired> fireNextDue(
            Collection<String> foreign, Function<String, @Nullable JobDefinition> definitions) {
        return attempt(
                handles::openForNextDue,
                h -> {
                    Optional<Locked> locked = store.jobs().tryLockNextDue(h, foreign);
                    locked.ifPresent(l -> handles.claimed(h, l.row().name()));
                    return locked;
                },
                "the next due job",
                definitions);
    }

    /**
     * Call when the database goes away and when it is back: the server that answers afterwards (the
     * same one restarted, or a promoted standby) may hand out session ids already seen.
     */
    public void databaseChanged() {
        sessionLimits.forget();
    }

    /**
     * Claims up to {@code max} due and free scheduled fires with one locking read on the drain's
     * connection {@code held} and runs them ({@link DueClaims}). Empty if no due fire was free.
     */
    public Drained fireDue(
            DrainConnection held,
            Collection<String> foreign,
            Function<String, @Nullable JobDefinition> definitions,
            int max) {
        return dueClaims.fireDue(held, foreign, definitions, max);
    }

    /** A connection for one drain's claims ({@link #fireDue}), held between them; close it when the drain ends. */
    public DrainConnection holdForDrain() {
        return drainHandles.hold();
    }

    /** What a claim of the due list came to: how many rows it locked, and the fires it ran. */
    public record Drained(int locked, List<Fired> fired) {}

    private Optional<Fired> attempt(
            Supplier<Handle> open,
            Function<Handle, Optional<Locked>> lock,
            String what,
            Function<String, @Nullable JobDefinition> definitions) {
        int epoch = node.membershipEpoch();
        Optional<Supplier<Fired>> next = FireTransaction.in(open, what, h -> {
            Optional<Locked> claimed = lock.apply(h);
            if (claimed.isEmpty()) {
                h.rollback();
                return Optional.empty();
            }
            // Whether the fire may wait to go on record is decided on a fresh read (fires-on-record.sql).
            Locked locked = claimer.defers()
                    ? store.jobs()
                            .withFiresOnRecordReadAgain(h, List.of(claimed.get()))
                            .get(0)
                    : claimed.get();
            return Optional.of(claimed(h, locked, definitions, epoch));
        });
        // A lease-mode job runs here, its connection back in the pool.
        return next.map(Supplier::get);
    }

    /** Claims the fire of a row locked in {@code h}'s transaction and runs it; a lease-mode job runs when asked for the result. */
    Supplier<Fired> claimed(Handle h, Locked locked, Function<String, @Nullable JobDefinition> definitions, int epoch) {
        Supplier<FireResult> next = run(h, claimer.claim(h, locked, definitions, epoch));
        return () -> new Fired(locked.row().name(), locked.row().handlerName(), next.get());
    }

    private Supplier<FireResult> run(Handle h, FireClaimer.Step step) {
        if (step instanceof FireClaimer.Settled settled) {
            return settled::result;
        }
        Claim claim = ((FireClaimer.Claimed) step).claim();
        if (claim.definition().mode() == ExecutionMode.LEASE) {
            return leases.claim(h, claim);
        }
        FireResult result = transactional.run(h, claim);
        return () -> result;
    }
}
