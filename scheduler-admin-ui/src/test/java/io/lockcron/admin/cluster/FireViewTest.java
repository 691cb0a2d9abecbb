package io.lockcron.admin.cluster;

import static org.assertj.core.api.Assertions.assertThat;

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
}
