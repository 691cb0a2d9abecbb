package io.lockcron.internal.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockcron.internal.store.NodeStore.StaleNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Staleness on a clock the test moves: the verdict comes at the timeout after the first sight of a value. */
class StalenessTest {
    private static final long MS = 1_000_000L;
    private static final Instant BEAT = Instant.parse("2026-12-02T04:00:00Z");

    private final Staleness staleness = new Staleness(Duration.ofSeconds(2), Duration.ofSeconds(10));

    private static StaleNode node(String id, Instant heartbeat, Duration timeout) {
        return new StaleNode(id, 1, heartbeat, "s-" + id, timeout, true);
    }

    /** Looks every 250 ms from {@code fromMs} to {@code toMs}: the ids found stale at the last one. */
    private List<String> watch(List<StaleNode> others, long fromMs, long toMs) {
        List<StaleNode> stale = List.of();
        for (long t = fromMs; t <= toMs; t += 250) {
            stale = staleness.stale(others, t * MS);
        }
        return stale.stream().map(StaleNode::nodeId).toList();
    }

    @Test
    void aHeartbeatStandingStillIsStaleAtTheTimeoutAfterItWasFirstSeenAndNotBefore() {
        List<StaleNode> others = List.of(node("hung", BEAT, Duration.ofSeconds(10)));
        assertThat(watch(others, 1_000, 1_000)).isEmpty();
        assertThat(staleness.nextVerdictNanos()).isEqualTo(11_000 * MS);
        assertThat(watch(others, 1_250, 10_750)).isEmpty();
        assertThat(staleness.stale(others, 10_999 * MS)).isEmpty();
        assertThat(staleness.stale(others, 11_000 * MS))
                .extracting(StaleNode::nodeId)
                .containsExactly("hung");
    }

    @Test
    void aNewHeartbeatMovesTheVerdictAndTheLargerOfBothTimeoutsCounts() {
        List<StaleNode> before =
                List.of(node("alive", BEAT, Duration.ofSeconds(4)), node("relaxed", BEAT, Duration.ofSeconds(30)));
        watch(before, 0, 5_000);
        List<StaleNode> after = List.of(
                node("alive", BEAT.plusSeconds(2), Duration.ofSeconds(4)),
                node("relaxed", BEAT, Duration.ofSeconds(30)));
        assertThat(watch(after, 5_250, 14_750)).isEmpty();
        // "alive": this node's own 10 s from 5.25 s; "relaxed": its published 30 s from 0 s.
        assertThat(staleness.nextVerdictNanos()).isEqualTo(15_250 * MS);
        assertThat(watch(after, 15_000, 15_250)).containsExactly("alive");
        assertThat(watch(after, 15_500, 29_750)).containsExactly("alive");
        assertThat(watch(after, 30_000, 30_000)).containsExactly("alive", "relaxed");
    }

    @Test
    void aGapInThisNodesOwnLooksStartsTheWatchAfresh() {
        List<StaleNode> others = List.of(node("other", BEAT, Duration.ofSeconds(10)));
        watch(others, 0, 5_000);
        // Paused 20 s itself: it saw nothing meanwhile, so it proves nothing about the others.
        assertThat(watch(others, 25_000, 25_000)).isEmpty();
        assertThat(staleness.nextVerdictNanos()).isEqualTo(35_000 * MS);
        assertThat(watch(others, 25_250, 34_750)).isEmpty();
        assertThat(watch(others, 35_000, 35_000)).containsExactly("other");
    }

    @Test
    void aNodeThatLeftIsForgottenAndNothingWatchedMeansNoVerdict() {
        watch(List.of(node("gone", BEAT, null)), 0, 1_000);
        assertThat(staleness.nextVerdictNanos()).isEqualTo(10_000 * MS);
        watch(List.of(), 1_250, 1_250);
        assertThat(staleness.nextVerdictNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theWatchLooksAFortiethOfTheTimeoutApartButNeverSlowerThanItsOwnBeatNorFasterThan100Ms() {
        assertThat(HeartbeatWatch.pace(Duration.ofSeconds(2), Duration.ofSeconds(10)))
                .isEqualTo(250 * MS);
        assertThat(HeartbeatWatch.pace(Duration.ofMillis(300), Duration.ofSeconds(2)))
                .isEqualTo(100 * MS);
        assertThat(HeartbeatWatch.pace(Duration.ofMillis(200), Duration.ofMinutes(5)))
                .isEqualTo(200 * MS);
    }
}
