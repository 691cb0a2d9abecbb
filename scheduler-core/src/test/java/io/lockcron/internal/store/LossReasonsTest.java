package io.lockcron.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockcron.FailoverReason;
import io.lockcron.NodeState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A takeover's reason: a dead node, a hung one, an expired lease, or a connection the database cut. */
class LossReasonsTest {
    private static final Instant STARTED = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void anotherActiveNodesAttemptIsACrashUnlessThisNodeSawTheDatabaseGoAwayAfterItBegan() {
        LossReasons reasons = new LossReasons();
        assertThat(reasons.of(false, false, NodeState.ACTIVE, STARTED)).isEqualTo(FailoverReason.CRASH);

        reasons.witness(at -> at.isBefore(STARTED.plusSeconds(1))); // went down a second after the start
        assertThat(reasons.of(false, false, NodeState.ACTIVE, STARTED)).isEqualTo(FailoverReason.CONNECTION_LOST);
        assertThat(reasons.of(false, false, NodeState.ACTIVE, STARTED.plusSeconds(5)))
                .as("an attempt begun after the outage")
                .isEqualTo(FailoverReason.CRASH);
    }

    @Test
    void leasesFencedNodesAndTheNodesOwnAttemptsKeepTheirReasons() {
        LossReasons reasons = new LossReasons();
        reasons.witness(at -> true);
        assertThat(reasons.of(true, false, NodeState.ACTIVE, STARTED)).isEqualTo(FailoverReason.LEASE_EXPIRED);
        assertThat(reasons.of(false, false, NodeState.FENCED, STARTED)).isEqualTo(FailoverReason.HANG);
        assertThat(reasons.of(false, true, NodeState.ACTIVE, STARTED)).isEqualTo(FailoverReason.CONNECTION_LOST);
    }
}
