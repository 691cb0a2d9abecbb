package io.lockcron.admin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.lockcron.admin.testing.DemoJobs;
import io.lockcron.admin.testing.RecordedCluster;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.web.util.UriUtils;

/**
 * Job names, node ids, error messages, actors and audit details are user-controlled: every page
 * shows them as text, never as markup. The recorded cluster holds one hostile value of each kind.
 */
class ConsoleEscapingTest extends H2ConsoleTest {
    private static final List<String> RAW = List.of(
            DemoJobs.HOSTILE_NAME,
            "<img src=x onerror=alert('xss')>",
            RecordedCluster.HOSTILE_NODE,
            RecordedCluster.HOSTILE_ACTOR,
            RecordedCluster.HOSTILE_DETAIL);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/jobs",
                "/executions",
                "/executions?job=flaky-import",
                "/executions?outcome=FAILED",
                "/failovers",
                "/nodes",
                "/audit",
                "/job?name=flaky-import",
                "/job?name=HOSTILE"
            })
    void pagesShowHostileTextAsText(String page) throws Exception {
        String url = BASE + page.replace("HOSTILE", UriUtils.encodeQueryParam(DemoJobs.HOSTILE_NAME, "UTF-8"));
        String html = mvc.perform(get(java.net.URI.create(url)).with(httpBasic(OPERATOR, OPERATOR_PASSWORD)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        for (String raw : RAW) {
            assertThat(html).as("raw %s on %s", raw, page).doesNotContain(raw);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/jobs", "/job?name=HOSTILE", "/audit", "/failovers"})
    void theHostileJobNameIsShownEscaped(String page) throws Exception {
        String url = BASE + page.replace("HOSTILE", UriUtils.encodeQueryParam(DemoJobs.HOSTILE_NAME, "UTF-8"));
        String html = mvc.perform(get(java.net.URI.create(url)).with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(html).contains("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;");
    }

    @org.junit.jupiter.api.Test
    void errorTextsAndNodeIdsAreShownEscaped() throws Exception {
        String executions = mvc.perform(
                        get(BASE + "/executions?job=flaky-import").with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(executions).contains("&lt;img src=x onerror=alert(&#39;xss&#39;)&gt;");
        String nodes = mvc.perform(get(BASE + "/nodes").with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(nodes).contains("&lt;b onmouseover=alert(1)&gt;evil-node&lt;/b&gt;");
    }

    @org.junit.jupiter.api.Test
    void aHostileCronExpressionInThePreviewIsShownEscaped() throws Exception {
        String html = mvc.perform(get(BASE + "/job")
                        .param("name", DemoJobs.DAILY_REPORT)
                        .param("cron", "<svg onload=alert(1)>")
                        .param("zone", "<b>Mars/Olympus</b>")
                        .with(httpBasic(OPERATOR, OPERATOR_PASSWORD)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(html).doesNotContain("<svg onload").doesNotContain("<b>Mars").contains("&lt;");
    }
}
