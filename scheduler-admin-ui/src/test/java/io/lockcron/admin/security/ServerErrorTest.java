package io.lockcron.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockcron.admin.cluster.ServerError;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** A database failure: viewers get a generic message and an id, operators what to do; nobody the raw text. */
class ServerErrorTest {
    private static final String RAW = "Lock wait timeout exceeded; row lock_cron('daily-report') held by thread 42";

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void viewersSeeAnIdAndOperatorsTheKindOfFailureButNeverTheRawText() {
        RuntimeException failure = new RuntimeException("wrapped", new SQLException(RAW, "HY000"));
        ServerError error = ServerError.logged(
                LoggerFactory.getLogger(ServerErrorTest.class), "A database query failed", failure, "Check the db.");
        as("vic", "ROLE_VIEWER");
        assertThat(error.message())
                .contains(error.id())
                .contains("Tell an operator")
                .doesNotContain("HY000")
                .doesNotContain(RAW);
        as("ana", "ROLE_VIEWER", "ROLE_OPERATOR");
        assertThat(error.message())
                .contains(error.id())
                .contains("SQL state HY000")
                .contains("Check the db.")
                .doesNotContain(RAW);
        assertThat(error.id()).matches("[0-9a-f]{8}");
    }

    private static void as(String name, String... authorities) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        name,
                        "",
                        List.of(authorities).stream()
                                .map(SimpleGrantedAuthority::new)
                                .toList()));
    }
}
