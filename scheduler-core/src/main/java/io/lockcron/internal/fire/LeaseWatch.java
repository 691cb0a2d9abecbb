package io.lockcron.internal.fire;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which held leases this node has watched stand still, on its own monotonic clock. A lease that
 * the database clock calls expired is taken over only once this node has also seen its {@code
 * lease_until} unchanged for a whole lease duration: a forward step of the database clock makes
 * every lease look expired at once, while its owner — which renews every third of the lease and
 * stops itself after four fifths without a renewal, on its own monotonic clock — is still running.
 * A live owner's renewals move {@code lease_until}, so the watch never runs out beside it; a dead
 * owner's lease is watched from the polls before it expires, so its takeover is hardly later.
 */
public final class LeaseWatch {
    private record Seen(Instant leaseUntil, long sinceNanos) {}

    private final Duration leaseDuration;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    public LeaseWatch(Duration leaseDuration) {
        this.leaseDuration = leaseDuration;
    }

    /** A poll read these held leases (job → lease_until); leases no longer held are forgotten. */
    public void observe(Map<String, Instant> held, long nowNanos) {
        seen.keySet().retainAll(held.keySet());
        held.forEach((job, until) -> see(job, until, nowNanos));
    }

    /** How much longer this node must watch {@code job}'s lease before taking it over; zero once it may. */
    Duration remaining(String job, Instant leaseUntil, long nowNanos) {
        Seen since = see(job, leaseUntil, nowNanos);
        Duration watched = Duration.ofNanos(nowNanos - since.sinceNanos());
        return watched.compareTo(leaseDuration) >= 0 ? Duration.ZERO : leaseDuration.minus(watched);
    }

    private Seen see(String job, Instant until, long nowNanos) {
        return seen.compute(
                job,
                (k, before) ->
                        before != null && before.leaseUntil().equals(until) ? before : new Seen(until, nowNanos));
    }
}
