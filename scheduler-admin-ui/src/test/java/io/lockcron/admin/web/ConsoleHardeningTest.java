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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Hostile input answered with 4xx and styled pages; failed logins throttled and audited; guarded host paths. */
class ConsoleHardeningTest extends H2ConsoleTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/executions?page=2147483647",
                "/executions?page=99999999&size=500",
                "/executions?page=x",
                "/job?name=daily-report&page=2147483647"
            })
    void hugeOrBrokenPageNumbersAreABadRequestOnAStyledPage(String page) throws Exception {
        mvc.perform(get(BASE + page).with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("assets/console.css")))
                .andExpect(content().string(containsString("<base href=\"/lockcron/\">")))
                .andExpect(content().string(not(containsString("SQL"))));
    }

    @Test
    void theApiRefusesHugePageNumbersWithTheLimit() throws Exception {
        mvc.perform(get(BASE + "/api/executions?page=2147483647").with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("100000")));
    }

    @Test
    void anUnknownConsolePathIsAStyled404NotTheHostsAnswer() throws Exception {
        mvc.perform(get(BASE + "/no/such/page").with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("No such page")))
                .andExpect(content().string(containsString("assets/console.css")));
        mvc.perform(get(BASE + "/api/no-such-call").with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value(containsString("docs/console.md")));
        mvc.perform(get(BASE + "/job/pause").with(httpBasic(OPERATOR, OPERATOR_PASSWORD)))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().string(containsString("assets/console.css")));
    }

    @Test
    void anErrorUnderAnActionPathStillFindsItsStylesheet() throws Exception {
        // Served at /lockcron/job/reschedule: the page's <base> points links and assets at the console's root.
        mvc.perform(post(BASE + "/job/reschedule")
                        .param("name", "no-such-job")
                        .with(httpBasic(OPERATOR, OPERATOR_PASSWORD))
                        .with(csrf()))
                .andExpect(content().string(containsString("<base href=\"/lockcron/\">")));
    }

    @Test
    void aGuardedHostPathNeedsTheConsolesLogin() throws Exception {
        mvc.perform(get("/hello/guarded")).andExpect(status().isUnauthorized());
        mvc.perform(get("/hello/guarded").with(httpBasic(VIEWER, "wrong"))).andExpect(status().isUnauthorized());
        mvc.perform(get("/hello/guarded").with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string("guarded by the console's login"));
    }

    @Test
    void failedLoginsAreThrottledPerUserAndAudited() throws Exception {
        RequestPostProcessor from = from("192.0.2.7");
        for (int i = 0; i < 3; i++) {
            mvc.perform(get(BASE + "/api/jobs")
                            .with(httpBasic(OPERATOR, "guess-" + i))
                            .with(from))
                    .andExpect(status().isUnauthorized());
        }
        // The right password is refused too while the wait lasts: guessing gains nothing by hammering.
        mvc.perform(get(BASE + "/api/jobs")
                        .with(httpBasic(OPERATOR, OPERATOR_PASSWORD))
                        .with(from("198.51.100.3")))
                .andExpect(status().isUnauthorized());
        assertThat(client().auditLog(500))
                .filteredOn(e -> e.action().equals("LOGIN_FAILED")
                        && e.detail() != null
                        && e.detail().contains("192.0.2.7"))
                .extracting(AuditEvent::actor)
                .containsExactly(OPERATOR, OPERATOR, OPERATOR);
        // The wait (1 s after the third failure) passes; the right password then works and clears the count.
        long deadline = System.nanoTime() + 10_000_000_000L;
        int answer;
        do {
            Thread.sleep(300);
            answer = mvc.perform(get(BASE + "/api/jobs")
                            .with(httpBasic(OPERATOR, OPERATOR_PASSWORD))
                            .with(from))
                    .andReturn()
                    .getResponse()
                    .getStatus();
        } while (answer != 200 && System.nanoTime() < deadline);
        assertThat(answer).isEqualTo(200);
    }

    @Test
    void failedLoginsAreThrottledPerAddressAcrossUserNames() throws Exception {
        RequestPostProcessor from = from("203.0.113.9");
        for (String name : new String[] {"root", "admin", "test"}) {
            mvc.perform(get(BASE + "/api/jobs").with(httpBasic(name, "guess")).with(from))
                    .andExpect(status().isUnauthorized());
        }
        mvc.perform(get(BASE + "/api/jobs")
                        .with(httpBasic(VIEWER, VIEWER_PASSWORD))
                        .with(from))
                .andExpect(status().isUnauthorized());
        mvc.perform(get(BASE + "/api/jobs")
                        .with(httpBasic(VIEWER, VIEWER_PASSWORD))
                        .with(from("203.0.113.10")))
                .andExpect(status().isOk());
    }

    @Test
    void dateFiltersAre24HourInTheConsolesZone() throws Exception {
        mvc.perform(get(BASE + "/executions")
                        .param("from", "2030-01-31 13:45")
                        .with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"2030-01-31 13:45\"")))
                .andExpect(content().string(not(containsString("is not a 24-hour date"))))
                .andExpect(content().string(containsString("24-hour, in")));
        mvc.perform(get(BASE + "/executions")
                        .param("from", "01/31/2030 1:45 PM")
                        .with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(containsString("is not a 24-hour date and time like 2030-01-31 13:45 (in UTC)")));
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
