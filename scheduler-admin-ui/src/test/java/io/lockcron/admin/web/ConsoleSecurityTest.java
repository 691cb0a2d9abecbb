package io.lockcron.admin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.lockcron.AuditEvent;
import io.lockcron.admin.testing.DemoJobs;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

/** Who may do what: anonymous is refused, a viewer reads, an operator acts, CSRF guards every change. */
class ConsoleSecurityTest extends H2ConsoleTest {

    @Test
    void anonymousPageRequestIsSentToTheLoginPage() throws Exception {
        mvc.perform(get(BASE + "/jobs")).andExpect(status().isFound()).andExpect(redirectedUrl(BASE + "/login"));
    }

    @Test
    void anonymousApiRequestGets401WithABasicChallenge() throws Exception {
        mvc.perform(get(BASE + "/api/jobs"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(
                                "WWW-Authenticate",
                                org.hamcrest.Matchers.startsWith("Basic realm=\"lockcron console\"")));
    }

    @Test
    void pageScriptsGetAPlain401SoTheBrowserShowsNoPasswordPrompt() throws Exception {
        mvc.perform(get(BASE + "/api/overview").header("X-Requested-With", "XMLHttpRequest"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().doesNotExist("WWW-Authenticate"));
    }

    @Test
    void anonymousActionIsRefusedAndChangesNothing() throws Exception {
        mvc.perform(post(BASE + "/api/job/pause")
                        .param("name", DemoJobs.SEND_INVOICES)
                        .with(csrf()))
                .andExpect(status().isUnauthorized());
        assertThat(client().job(DemoJobs.SEND_INVOICES).orElseThrow().status().name())
                .isNotEqualTo("PAUSED");
    }

    @Test
    void theLoginPageAndAssetsAreOpen() throws Exception {
        mvc.perform(get(BASE + "/login")).andExpect(status().isOk());
        mvc.perform(get(BASE + "/assets/console.css")).andExpect(status().isOk());
        mvc.perform(get(BASE + "/webjars/chart.js/dist/chart.umd.min.js")).andExpect(status().isOk());
    }

    @Test
    void formLoginLogsInAndKeepsTheConsoleSessionApartFromTheHostApplication() throws Exception {
        MvcResult login = mvc.perform(formLogin(BASE + "/login").user(VIEWER).password(VIEWER_PASSWORD))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl(BASE + "/"))
                .andReturn();
        HttpSession session = login.getRequest().getSession(false);
        assertThat(session).isNotNull();
        assertThat(Collections.list(session.getAttributeNames()))
                .contains("io.lockcron.admin.SECURITY_CONTEXT")
                .doesNotContain("SPRING_SECURITY_CONTEXT");
        mvc.perform(get(BASE + "/jobs").session((MockHttpSession) session)).andExpect(status().isOk());
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        mvc.perform(formLogin(BASE + "/login").user(OPERATOR).password("guess"))
                .andExpect(redirectedUrl(BASE + "/login?error"));
        mvc.perform(get(BASE + "/api/jobs").with(httpBasic(OPERATOR, "guess"))).andExpect(status().isUnauthorized());
    }

    @Test
    void aViewerReadsEveryPageButSeesNoActions() throws Exception {
        for (String page : new String[] {"/", "/jobs", "/executions", "/failovers", "/nodes", "/audit"}) {
            mvc.perform(get(BASE + page).with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                    .andExpect(status().isOk())
                    .andExpect(content()
                            .string(org.hamcrest.Matchers.not(
                                    org.hamcrest.Matchers.containsString("data-action=\"trigger\""))));
        }
    }

    @Test
    void aViewerCannotActThroughTheFormsOrTheApi() throws Exception {
        mvc.perform(post(BASE + "/job/trigger")
                        .param("name", DemoJobs.DAILY_REPORT)
                        .with(httpBasic(VIEWER, VIEWER_PASSWORD))
                        .with(csrf()))
                .andExpect(status().isForbidden())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("the OPERATOR role")));
        mvc.perform(post(BASE + "/api/job/pause")
                        .param("name", DemoJobs.DAILY_REPORT)
                        .with(httpBasic(VIEWER, VIEWER_PASSWORD))
                        .with(csrf()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType("application/problem+json;charset=UTF-8"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("OPERATOR role")));
        assertThat(client().auditLog(100)).extracting(AuditEvent::actor).doesNotContain(VIEWER);
    }

    @Test
    void anOperatorActsAndTheActionIsRecordedWithTheirName() throws Exception {
        mvc.perform(post(BASE + "/job/trigger")
                        .param("name", DemoJobs.SEND_INVOICES)
                        .with(httpBasic(OPERATOR, OPERATOR_PASSWORD))
                        .with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl(BASE + "/job?name=" + DemoJobs.SEND_INVOICES));
        assertThat(client().job(DemoJobs.SEND_INVOICES).orElseThrow().triggerRequestedAt())
                .isNotNull();
        assertThat(client().auditLog(100))
                .anySatisfy(e -> assertThat(e)
                        .extracting(AuditEvent::actor, AuditEvent::action, AuditEvent::jobName)
                        .containsExactly(OPERATOR, "TRIGGER", DemoJobs.SEND_INVOICES));
    }

    @Test
    void everyChangeNeedsAValidCsrfToken() throws Exception {
        mvc.perform(post(BASE + "/job/pause")
                        .param("name", DemoJobs.SYNC_INVENTORY)
                        .with(httpBasic(OPERATOR, OPERATOR_PASSWORD)))
                .andExpect(status().isForbidden())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("CSRF token")));
        mvc.perform(post(BASE + "/api/job/pause")
                        .param("name", DemoJobs.SYNC_INVENTORY)
                        .with(httpBasic(OPERATOR, OPERATOR_PASSWORD))
                        .with(csrf().useInvalidToken()))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("CSRF token")));
        mvc.perform(post(BASE + "/logout").with(httpBasic(OPERATOR, OPERATOR_PASSWORD)))
                .andExpect(status().isForbidden());
        assertThat(client().job(DemoJobs.SYNC_INVENTORY).orElseThrow().status().name())
                .isNotEqualTo("PAUSED");
    }

    @Test
    void pagesCarryAStrictContentSecurityPolicyAndNoCorsHeaders() throws Exception {
        mvc.perform(get(BASE + "/jobs")
                        .header("Origin", "https://elsewhere.example")
                        .with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(header().string(
                                "Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'")))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
    }

    @Test
    void theHostApplicationsOtherPathsKeepTheHostsOwnSecurity() throws Exception {
        // Boot's default chain still guards the host: the console's chain covers only its own path.
        mvc.perform(get("/hello"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().doesNotExist("Content-Security-Policy"));
    }
}
