package io.lockcron.internal.store;

import io.lockcron.AttemptInfo;
import io.lockcron.AttemptOutcome;
import io.lockcron.FailoverInfo;
import io.lockcron.FailoverReason;
import io.lockcron.NodeState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * The {@code fire_attempt} and {@code failover_event} tables. Written in short transactions of
 * their own, beside the locked one, so that other nodes and the console see who runs what, and so
 * that a lost attempt is still on record after its transaction rolled back.
 */
public final class AttemptStore {
    private final Store store;
    private final LossReasons reasons = new LossReasons();
    private final OwnerGrace grace = new OwnerGrace();

    AttemptStore(Store store) {
        this.store = store;
    }

    /** See {@link LossReasons#witness}. */
    public void lostConnectionsWitness(java.util.function.Predicate<Instant> wentDownAfter) {
        reasons.witness(wentDownAfter);
    }

    /** An attempt at a fire; its id is the fencing token. */
    public record Attempt(long id, int number, List<FailoverInfo> failovers) {}

    /**
     * This node's attempt at a fire it holds the lock of. {@code expected} is the attempt number
     * if no attempt was lost; {@code lease}: the fire runs in lease mode; {@code lockHeld}: whether
     * the lock is still this node's (not once the node learned it was fenced), asked after each
     * borrow, since a borrow can wait for as long as a fencing takes.
     */
    public record Opening(
            String job,
            Instant fireTime,
            String node,
            String sessionId,
            Instant now,
            int expected,
            boolean lease,
            java.util.function.BooleanSupplier lockHeld) {}

    /**
     * Opens the attempt: with no attempt lost, one INSERT of the expected number does it. If that
     * number is taken, earlier attempts were lost: each still running is closed and recorded as a
     * failover, and the attempt gets the next free number. Empty when the earlier attempt is not
     * lost (its job ended its own transaction on a live node, which records the fire; it runs on
     * another Galera member), when this node's lock is gone, or when another node put it first.
     */
    public java.util.Optional<Attempt> tryBegin(Opening o) {
        try {
            return open(o);
        } catch (RuntimeException e) {
            if (!SqlErrors.isLostRace(e) && !SqlErrors.isDuplicateKey(e)) {
                throw e;
            }
            return java.util.Optional.empty();
        }
    }

    /**
     * Puts a first attempt on record after its fire began (see {@code FireAttempt}): the claim saw
     * no attempt at this fire, so one INSERT of the expected number does it. Empty if this node's
     * lock is gone: it learned it was fenced, its membership row says FENCED (it may not know yet:
     * it froze), or the number is taken (an attempt went on record meanwhile).
     */
    public java.util.OptionalLong openFirst(Opening o) {
        try {
            return store.jdbi().withHandle(h -> {
                if (!o.lockHeld().getAsBoolean()) {
                    return java.util.OptionalLong.empty();
                }
                java.util.Optional<Long> id = opening(h, "insert-deferred-attempt", o, o.expected())
                        .executeAndReturnGeneratedKeys("id")
                        .mapTo(Long.class)
                        .findOne();
                return id.map(java.util.OptionalLong::of).orElse(java.util.OptionalLong.empty());
            });
        } catch (RuntimeException e) {
            if (!SqlErrors.isLostRace(e) && !SqlErrors.isDuplicateKey(e)) {
                throw e;
            }
            return java.util.OptionalLong.empty();
        }
    }

    /**
     * Writes a first attempt that ended before it went on record, closed, inside the transaction
     * {@code h} that records its fire: returns its id.
     */
    public long insertClosed(Handle h, Opening o, AttemptOutcome outcome, Instant finishedAt, @Nullable String error) {
        return opening(h, "insert-closed-attempt", o, o.expected())
                .bind("finishedAt", finishedAt)
                .bind("outcome", outcome.name())
                .bind("error", error)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    private java.util.Optional<Attempt> open(Opening o) {
        try {
            return store.jdbi()
                    .withHandle(h -> o.lockHeld().getAsBoolean()
                            ? java.util.Optional.of(new Attempt(insert(h, o, o.expected()), o.expected(), List.of()))
                            : java.util.Optional.<Attempt>empty());
        } catch (RuntimeException e) {
            if (!SqlErrors.isDuplicateKey(e)) {
                throw e;
            }
        }
        // One transaction: an attempt marked LOST always has its failover on record, and a
        // takeover that dies half-way leaves the lost attempt RUNNING for the next node to record.
        return store.jdbi().inTransaction(h -> {
            if (!o.lockHeld().getAsBoolean()) {
                return java.util.Optional.<Attempt>empty();
            }
            List<PriorAttempt> prior = store.query(h, "prior-attempts")
                    .bind("job", o.job())
                    .bind("fireTime", o.fireTime())
                    .map(PriorAttempt::read)
                    .list();
            if (!o.lease()
                    && prior.stream()
                            .anyMatch(p -> p.outcome() == AttemptOutcome.RUNNING
                                    && Long.valueOf(p.id()).equals(p.runningToken())
                                    && p.nodeState() == NodeState.ACTIVE)) {
                return java.util.Optional.<Attempt>empty();
            }
            if (store.dialect().certifiesCommits() && prior.stream().anyMatch(p -> p.committed(o.expected()))) {
                return java.util.Optional.<Attempt>empty(); // Galera: the row was read before this commit arrived
            }
            if (!o.lease()
                    && prior.stream()
                            .anyMatch(p -> p.runsOnAnotherMember(h, store.sessions())
                                    || p.heldByLiveSession(h, store.sessions()) && grace.within(p.id()))) {
                return java.util.Optional.<Attempt>empty();
            }
            prior.forEach(p -> grace.forget(p.id()));
            List<FailoverInfo> failovers = new java.util.ArrayList<>();
            for (PriorAttempt p : prior) {
                if (p.outcome() == AttemptOutcome.RUNNING) {
                    boolean committed = p.recordedAttempt() != null && p.recordedAttempt() >= p.attempt();
                    close(h, p.id(), committed ? AttemptOutcome.FAILED : AttemptOutcome.LOST, o.now());
                    if (!committed) {
                        failovers.add(recordFailover(h, o, p));
                    }
                }
            }
            int number = prior.stream().mapToInt(PriorAttempt::attempt).max().orElse(0) + 1;
            long id = insert(h, o, number);
            return java.util.Optional.of(new Attempt(id, number, List.copyOf(failovers)));
        });
    }

    private long insert(Handle h, Opening o, int number) {
        return opening(h, "insert-attempt", o, number)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    /** An attempt INSERT ({@code sql}) with the opening's values bound, as attempt {@code number}. */
    private org.jdbi.v3.core.statement.Update opening(Handle h, String sql, Opening o, int number) {
        return store.update(h, sql)
                .bind("job", o.job())
                .bind("fireTime", o.fireTime())
                .bind("attempt", number)
                .bind("node", o.node())
                .bind("session", o.sessionId())
                .bind("startedAt", o.now());
    }

    private FailoverInfo recordFailover(Handle h, Opening o, PriorAttempt lost) {
        String job = o.job();
        Instant fireTime = o.fireTime();
        String node = o.node();
        Instant now = o.now();
        // The lost node died some time after its last sign of life: its heartbeat or the attempt's start.
        Instant lastSeen = lost.lastHeartbeat() != null && lost.lastHeartbeat().isAfter(lost.startedAt())
                ? lost.lastHeartbeat()
                : lost.startedAt();
        FailoverReason reason = reasons.of(o.lease(), lost.nodeId().equals(node), lost.nodeState(), lost.startedAt());
        long delayMs = Math.max(0, Duration.between(lastSeen, now).toMillis());
        long id = store.update(h, "insert-failover")
                .bind("job", job)
                .bind("fireTime", fireTime)
                .bind("fromNode", lost.nodeId())
                .bind("toNode", node)
                .bind("reason", reason.name())
                .bind("lostAttempt", lost.attempt())
                .bind("lostStartedAt", lost.startedAt())
                .bind("detectedAt", now)
                .bind("delayMs", delayMs)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        return new FailoverInfo(
                id,
                job,
                fireTime,
                lost.nodeId(),
                node,
                reason,
                lost.attempt(),
                lost.startedAt(),
                now,
                Duration.ofMillis(delayMs));
    }

    /** Whether any node has started this fire. */
    public boolean started(Handle h, String job, Instant fireTime) {
        return store.query(h, "fire-started")
                        .bind("job", job)
                        .bind("fireTime", fireTime)
                        .mapTo(Integer.class)
                        .one()
                > 0;
    }

    public void close(long id, AttemptOutcome outcome, Instant finishedAt) {
        close(id, outcome, finishedAt, null);
    }

    /** Closes the attempt with its own error: the execution row keeps only the latest attempt's. */
    public void close(long id, AttemptOutcome outcome, Instant finishedAt, @Nullable String error) {
        store.jdbi().useHandle(h -> close(h, id, outcome, finishedAt, error));
    }

    /**
     * Closes an attempt inside the transaction that records its fire's result, so that a fire
     * whose result committed never leaves its attempt RUNNING (for a later fencing to act on).
     */
    public void close(Handle h, long id, AttemptOutcome outcome, Instant finishedAt) {
        close(h, id, outcome, finishedAt, null);
    }

    /** As {@link #close(Handle, long, AttemptOutcome, Instant)}, with the attempt's own error. */
    public void close(Handle h, long id, AttemptOutcome outcome, Instant finishedAt, @Nullable String error) {
        store.update(h, "close-attempt")
                .bind("id", id)
                .bind("outcome", outcome.name())
                .bind("finishedAt", finishedAt)
                .bind("error", error)
                .execute();
    }

    /** Every attempt at one fire, in order. */
    public List<AttemptInfo> of(String job, Instant fireTime) {
        return store.jdbi()
                .withHandle(h -> store.query(h, "list-attempts")
                        .bind("job", job)
                        .bind("fireTime", fireTime)
                        .map((rs, ctx) -> new AttemptInfo(
                                rs.getLong("id"),
                                rs.getString("job_name"),
                                Rows.requiredInstant(rs, "fire_time"),
                                rs.getInt("attempt"),
                                rs.getString("node_id"),
                                rs.getString("session_id"),
                                Rows.requiredInstant(rs, "started_at"),
                                Rows.instant(rs, "finished_at"),
                                AttemptOutcome.valueOf(rs.getString("outcome")),
                                rs.getString("error")))
                        .list());
    }

    /** Attempts that failed since {@code since}, including those a retry later made good. */
    public long failedSince(Instant since) {
        return store.jdbi()
                .withHandle(h -> store.query(h, "failed-attempts")
                        .bind("since", since)
                        .mapTo(Long.class)
                        .one());
    }

    public List<FailoverInfo> failovers(int limit) {
        return store.jdbi()
                .withHandle(h -> store.query(h, "list-failovers")
                        .bind("limit", limit)
                        .map((rs, ctx) -> Rows.failover(rs))
                        .list());
    }
}
