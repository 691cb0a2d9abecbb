package io.lockcron.admin.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockcron.AttemptInfo;
import io.lockcron.AttemptOutcome;
import io.lockcron.Outcome;
import io.lockcron.job.FireKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FireViewTest {
    private static final Instant AT = Instant.parse("2026-12-01T06:00:00Z");

    @Test
    void aLongPayloadIsCutToWhatThePageShowsAndSaysSo() {
        String payload = "<script>alert(1)</script>" + "p".repeat(3975);

        FireView view = FireView.of("mailer:huge", AT, null, List.of(), List.of(), List.of(), payload);

        assertThat(view.payload()).hasSize(FireView.PAYLOAD_SHOWN).startsWith("<script>");
        assertThat(view.payloadLength()).isEqualTo(4000);
        assertThat(view.payloadCut()).isTrue();
    }

    @Test
    void aShortOrMissingPayloadIsShownWhole() {
        assertThat(FireView.of("mailer:a", AT, null, List.of(), List.of(), List.of(), "{}")
                        .payloadCut())
                .isFalse();
        assertThat(FireView.of("mailer:b", AT, null, List.of(), List.of(), List.of(), null)
                        .payload())
                .isNull();
    }

    @Test
    void aFireWhoseExecutionIsItsOnlyRecordSaysSoAndAGapBeforeTheFirstRecordedAttemptIsNamed() {
        ExecutionView quick = execution(2, 0, Outcome.SUCCEEDED);
        assertThat(FireView.of("quick", AT, quick, List.of(), List.of(), List.of(), null)
                        .executionOnly())
                .isTrue();
        // No execution, or one with a token: the attempts were purged, not left off record.
        assertThat(FireView.of("quick", AT, null, List.of(), List.of(), List.of(), null)
                        .executionOnly())
                .isFalse();
        assertThat(FireView.of("quick", AT, execution(1, 7, Outcome.SUCCEEDED), List.of(), List.of(), List.of(), null)
                        .executionOnly())
                .isFalse();

        FireView retried = FireView.of(
                "flaky", AT, execution(2, 9, Outcome.FAILED), List.of(attempt(2)), List.of(), List.of(), null);
        assertThat(retried.executionOnly()).isFalse();
        assertThat(retried.firstRecordedAfterUnrecorded()).isEqualTo(2);
        assertThat(FireView.of("flaky", AT, null, List.of(attempt(1), attempt(2)), List.of(), List.of(), null)
                        .firstRecordedAfterUnrecorded())
                .isZero();
    }

    private static ExecutionView execution(int attempt, long token, Outcome outcome) {
        return new ExecutionView(
                1, "job", AT, FireKind.SCHEDULED, attempt, "node-a", token, AT, AT.plusMillis(3), 3L, outcome, null);
    }

    private static AttemptInfo attempt(int number) {
        return new AttemptInfo(
                number * 10L, "job", AT, number, "node-a", "s1", AT, AT.plusMillis(3), AttemptOutcome.FAILED, "boom");
    }
}
