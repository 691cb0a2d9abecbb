package io.lockcron.admin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.lockcron.AuditEvent;
import io.lockcron.admin.testing.DemoJobs;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** {@code lockcron.console.read-only=true}: even an operator sees no action and every action is refused. */
@TestPropertySource(properties = "lockcron.console.read-only=true")
class ReadOnlyConsoleTest extends H2ConsoleTest {

    @Test
    void actionsAreHiddenFromOperators() throws Exception {
        mvc.perform(get(BASE + "/jobs").with(httpBasic(OPERATOR, OPERATOR_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("read-only")))
                .andExpect(content().string(not(containsString("data-action=\"trigger\""))))
                .andExpect(content().string(not(containsString("data-action=\"pause\""))));
        mvc.perform(get(BASE + "/job")
                        .param("name", DemoJobs.DAILY_REPORT)
                        .with(httpBasic(OPERATOR, OPERATOR_PASSWORD)))
                .andExpect(content().string(not(containsString("Change the schedule"))));
    }

    @Test
    void actionsAreRefusedEvenWithAValidToken() throws Exception {
        mvc.perform(post(BASE + "/job/trigger")
                        .param("name", DemoJobs.HOSTILE_NAME)
                        .with(httpBasic(OPERATOR, OPERATOR_PASSWORD))
                        .with(csrf()))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("read-only")));
        mvc.perform(post(BASE + "/api/job/reschedule")
                        .param("name", DemoJobs.HOSTILE_NAME)
                        .param("cron", "0 0 1 * * ?")
                        .with(httpBasic(OPERATOR, OPERATOR_PASSWORD))
                        .with(csrf()))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString("lockcron.console.read-only=true")));
        assertThat(client().auditLog(100))
                .filteredOn(e -> DemoJobs.HOSTILE_NAME.equals(e.jobName()))
                .extracting(AuditEvent::actor)
                .doesNotContain(OPERATOR);
    }

    @Test
    void readingStillWorks() throws Exception {
        mvc.perform(get(BASE + "/api/jobs").with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].name").exists());
    }
}
