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
}
