package io.lockcron.internal.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How many drains a node starts for a burst of due fires, and how many fires each claims at once. */
class DueDrainSizingTest {
    private static DueDrain.Sizing nodes(int live, int workers) {
        return new DueDrain.Sizing(workers, () -> live);
    }

    @Test
    void aFewDueFiresGoOneOrTwoToADrainAndABurstGoesInBatchesUpToTheCap() {
        DueDrain.Sizing three = nodes(3, 8);
        assertThat(three.drains(1)).isEqualTo(1);
        assertThat(three.batch(1)).isEqualTo(1);
        assertThat(three.drains(10)).as("share 4: two drains").isEqualTo(2);
        assertThat(three.batch(10)).isEqualTo(2);
        assertThat(three.drains(100)).as("share 34: every worker").isEqualTo(8);
        assertThat(three.batch(100)).isEqualTo(5);
        assertThat(three.batch(500)).isEqualTo(21);
        assertThat(three.batch(2_500)).as("capped").isEqualTo(DueDrain.Sizing.MAX_BATCH);
    }

    @Test
    void moreNodesShareTheBurstSoEachStartsFewerDrains() {
        assertThat(nodes(20, 8).drains(100)).isEqualTo(3);
        assertThat(nodes(20, 8).batch(100)).isEqualTo(2);
        assertThat(nodes(10, 8).drains(100)).isEqualTo(5);
        assertThat(nodes(1, 8).drains(0))
                .as("a wake with no count still starts one")
                .isEqualTo(1);
    }
}
