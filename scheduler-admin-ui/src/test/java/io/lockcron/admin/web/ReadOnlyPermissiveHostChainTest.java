package io.lockcron.admin.web;

import static io.lockcron.admin.web.PermissiveHostChain.HOST_OPERATOR;
import static io.lockcron.admin.web.PermissiveHostChain.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.lockcron.AuditEvent;
import io.lockcron.JobStatus;
import io.lockcron.admin.testing.DemoJobs;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/** Read-only mode holds under a host's permissive chain: not even an operator changes anything. */
@Import(PermissiveHostChain.class)
@TestPropertySource(properties = "lockcron.console.read-only=true")
class ReadOnlyPermissiveHostChainTest extends H2ConsoleTest {

    @Test
    void readOnlyRefusesAnOperatorUnderAPermissiveHostChain() throws Exception {
        long before = ottosEntries();
        mvc.perform(post(BASE + "/api/job/pause")
                        .param("name", DemoJobs.FLAKY_IMPORT)
                        .with(httpBasic(HOST_OPERATOR, PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(post(BASE + "/job/trigger")
                        .param("name", DemoJobs.DAILY_REPORT)
                        .with(httpBasic(HOST_OPERATOR, PASSWORD)))
                .andExpect(status().isForbidden());
        assertThat(client().job(DemoJobs.FLAKY_IMPORT).orElseThrow().status()).isNotEqualTo(JobStatus.PAUSED);
        assertThat(ottosEntries()).isEqualTo(before);
    }

    private static long ottosEntries() {
        return client().auditLog(500).stream()
                .map(AuditEvent::actor)
                .filter(HOST_OPERATOR::equals)
                .count();
    }
}
