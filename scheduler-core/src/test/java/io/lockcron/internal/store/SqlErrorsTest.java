package io.lockcron.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which driver failures count as the database going away rather than as the job's or the query's fault. */
class SqlErrorsTest {

    @Test
    void aLostConnectionOrAServerGoingDownIsAConnectionFailure() {
        for (String state : new String[] {"08006", "08003", "08001", "57P01", "57P02", "57P03"}) {
            assertThat(SqlErrors.isConnectionFailure(new RuntimeException(new SQLException("gone", state))))
                    .as(state)
                    .isTrue();
        }
    }

    @Test
    void aCancelledQueryADeadlockOrAReadOnlyServerIsNot() {
        // 57014 shares class 57 with the shutdowns but is a statement timeout or a cancel: the session lives.
        for (String state : new String[] {"57014", "40P01", "25006", "23505"}) {
            assertThat(SqlErrors.isConnectionFailure(new SQLException("no", state)))
                    .as(state)
                    .isFalse();
        }
    }

    @Test
    void aGaleraCertificationFailureADeadlockOrASerializationFailureIsALostRace() {
        // Galera reports a failed certification as MySQL's deadlock: error 1213, SQLSTATE 40001.
        assertThat(SqlErrors.isLostRace(new RuntimeException(new SQLException("Deadlock found", "40001", 1213))))
                .isTrue();
        assertThat(SqlErrors.isLostRace(new SQLException("deadlock detected", "40P01")))
                .isTrue();
        assertThat(SqlErrors.isLostRace(new SQLException("gone", "08S01"))).isFalse();
        assertThat(SqlErrors.isLostRace(new SQLException("Duplicate entry", "23000", 1062)))
                .isFalse();
    }

    @Test
    void aSessionIdRecordedOnAGaleraMemberCarriesThatMembersTag() {
        assertThat(GaleraMembers.Recorded.parse("17@dc8f4435")).isEqualTo(new GaleraMembers.Recorded(17, "dc8f4435"));
        assertThat(GaleraMembers.Recorded.parse("42")).isEqualTo(new GaleraMembers.Recorded(42, null));
    }
}
