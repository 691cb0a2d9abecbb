package io.lockcron.admin.web;

import static io.lockcron.admin.web.PermissiveHostChain.HOST_OPERATOR;
import static io.lockcron.admin.web.PermissiveHostChain.HOST_VIEWER;
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

/**
 * The console's chain replaced by a host chain that lets any authenticated user through: the
 * action layer still refuses a viewer, for the forms and the API alike, and lets an operator act.
 */
@Import(PermissiveHostChain.class)
class PermissiveHostChainTest extends H2ConsoleTest {

    @Test
    void aViewerCannotActThroughAPermissiveHostChain() throws Exception {
        mvc.perform(post(BASE + "/api/job/pause")
                        .param("name", DemoJobs.FLAKY_IMPORT)
                        .with(httpBasic(HOST_VIEWER, PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(post(BASE + "/job/trigger")
                        .param("name", DemoJobs.DAILY_REPORT)
                        .with(httpBasic(HOST_VIEWER, PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(post(BASE + "/api/job/reschedule")
                        .param("name", DemoJobs.DAILY_REPORT)
                        .param("cron", "0 0 1 * * ?")
                        .with(httpBasic(HOST_VIEWER, PASSWORD)))
                .andExpect(status().isForbidden());
        assertThat(client().job(DemoJobs.FLAKY_IMPORT).orElseThrow().status()).isNotEqualTo(JobStatus.PAUSED);
        assertThat(client().job(DemoJobs.DAILY_REPORT).orElseThrow().triggerRequestedAt())
                .isNull();
        assertThat(client().auditLog(500)).extracting(AuditEvent::actor).doesNotContain(HOST_VIEWER);
    }

    @Test
    void anOperatorStillActsAndIsAudited() throws Exception {
        try {
            mvc.perform(post(BASE + "/api/job/pause")
                            .param("name", DemoJobs.FLAKY_IMPORT)
                            .with(httpBasic(HOST_OPERATOR, PASSWORD)))
                    .andExpect(status().isOk());
            assertThat(client().job(DemoJobs.FLAKY_IMPORT).orElseThrow().status())
                    .isEqualTo(JobStatus.PAUSED);
            assertThat(client().auditLog(500))
                    .anySatisfy(e -> assertThat(e)
                            .extracting(AuditEvent::actor, AuditEvent::action)
                            .containsExactly(HOST_OPERATOR, "PAUSE"));
        } finally {
            client().resume(DemoJobs.FLAKY_IMPORT);
        }
    }
}
