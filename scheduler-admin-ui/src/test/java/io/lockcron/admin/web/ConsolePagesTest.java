package io.lockcron.admin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.lockcron.ExecutionInfo;
import io.lockcron.JobInfo;
import io.lockcron.JobStatus;
import io.lockcron.admin.testing.DemoJobs;
import io.lockcron.admin.testing.RecordedCluster;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** What each page shows and what its forms do, against the recorded cluster. */
class ConsolePagesTest extends H2ConsoleTest {

    /** The page at {@code path} with query parameters given as name, value, name, value... */
    private String page(String path, String... params) throws Exception {
        MockHttpServletRequestBuilder request = get(path).with(httpBasic(OPERATOR, OPERATOR_PASSWORD));
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private MockHttpServletRequestBuilder action(String path, String job) {
        return post(BASE + path)
                .param("name", job)
                .with(httpBasic(OPERATOR, OPERATOR_PASSWORD))
                .with(csrf());
    }

    @Test
    void theBarePathRedirectsToTheOverview() throws Exception {
        mvc.perform(get(BASE).with(httpBasic(VIEWER, VIEWER_PASSWORD))).andExpect(redirectedUrl(BASE + "/"));
    }

    @Test
    void theOverviewCountsNodesJobsAndTheLastHour() throws Exception {
        String html = page(BASE + "/");
        assertThat(html).contains("data-value=\"nodes-alive\"", "data-value=\"failovers\"", "executions-chart");
        assertThat(html).containsPattern("data-value=\"failures\">[1-9]");
    }

    @Test
    void aFireWhoseExecutionIsItsOnlyRecordIsShownAsSuch() throws Exception {
        ExecutionInfo quick = RecordedCluster.executionOnly(client()).orElseThrow();
        assertThat(client().attempts(DemoJobs.QUICK_CHECK, quick.fireTime())).isEmpty();

        String html = page(
                BASE + "/fire",
                "name",
                DemoJobs.QUICK_CHECK,
                "at",
                quick.fireTime().toString());

        assertThat(html)
                .contains("outcome-SUCCEEDED", "data-field=\"no-attempt-record\"", "succeeded within 100 ms")
                .doesNotContain("data-attempt=", "history purged");
        mvc.perform(get(BASE + "/api/fire")
                        .param("name", DemoJobs.QUICK_CHECK)
                        .param("at", quick.fireTime().toString())
                        .with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.execution.outcome").value("SUCCEEDED"))
                .andExpect(jsonPath("$.execution.fencingToken").value(0))
                .andExpect(jsonPath("$.attempts").isEmpty());
    }

    @Test
    void theJobsPageShowsEachScheduleInWordsAndAsWritten() throws Exception {
        String html = page(BASE + "/jobs");
        assertThat(html)
                .contains("cron &#39;0 0 6 * * ?&#39; in Europe/Berlin")
                .contains("CRON 0 0 6 * * ?")
                .contains("Europe/Berlin")
                .contains("FIXED_RATE")
                .contains("TRANSACTIONAL")
                .contains("data-action=\"trigger\"");
    }

    @Test
    void aJobPageShowsHistoryFailoversAndAuditTrail() throws Exception {
        String html = page(BASE + "/job", "name", DemoJobs.FLAKY_IMPORT);
        assertThat(html).contains("durations-chart", "FAILED", "data-execution=");
        String hostile = page(BASE + "/job", "name", DemoJobs.HOSTILE_NAME);
        assertThat(hostile).contains("CRASH", "PAUSE", "evil-node");
    }

    @Test
    void anUnknownJobIsA404ThatSaysSo() throws Exception {
        mvc.perform(get(BASE + "/job").param("name", "no-such-job").with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("No job named &#39;no-such-job&#39;")));
    }

    @Test
    void pauseAndResumeTakeEffectAndAreRecorded() throws Exception {
        mvc.perform(action("/job/pause", DemoJobs.SEND_INVOICES).param("back", "jobs"))
                .andExpect(redirectedUrl(BASE + "/jobs"))
                .andExpect(flash().attribute("notice", "Paused send-invoices."));
        assertThat(client().job(DemoJobs.SEND_INVOICES).orElseThrow().status()).isEqualTo(JobStatus.PAUSED);
        assertThat(page(BASE + "/jobs")).contains("data-action=\"resume\"");

        mvc.perform(action("/job/pause", DemoJobs.SEND_INVOICES))
                .andExpect(flash().attribute("error", containsString("is PAUSED")));

        mvc.perform(action("/job/resume", DemoJobs.SEND_INVOICES))
                .andExpect(flash().attribute("notice", "Resumed send-invoices."));
        assertThat(client().job(DemoJobs.SEND_INVOICES).orElseThrow().status()).isEqualTo(JobStatus.IDLE);
        assertThat(page(BASE + "/audit")).contains("PAUSE", "RESUME", OPERATOR);
    }

    @Test
    void aScheduleIsPreviewedWithItsNextFiveFireTimesBeforeItIsSaved() throws Exception {
        String preview =
                page(BASE + "/job", "name", DemoJobs.DAILY_REPORT, "cron", "0 15 7 * * MON-FRI", "zone", "Asia/Tokyo");
        assertThat(preview)
                .contains("data-action=\"save-schedule\"", "cron &#39;0 15 7 ? * MON-FRI&#39; in Asia/Tokyo");
        assertThat(preview.split("<li ", -1)).hasSize(6);
        assertThat(preview).contains("07:15:00 Asia/Tokyo");

        mvc.perform(action("/job/reschedule", DemoJobs.DAILY_REPORT)
                        .param("cron", "0 15 7 ? * MON-FRI")
                        .param("zone", "Asia/Tokyo"))
                .andExpect(redirectedUrl(BASE + "/job?name=" + DemoJobs.DAILY_REPORT))
                .andExpect(flash().attribute("notice", containsString("Asia/Tokyo")));
        JobInfo job = client().job(DemoJobs.DAILY_REPORT).orElseThrow();
        assertThat(job.triggerValue()).isEqualTo("0 15 7 ? * MON-FRI");
        assertThat(job.zone()).isEqualTo("Asia/Tokyo");
        assertThat(client().auditLog(10).get(0).detail()).contains("Asia/Tokyo", "was cron '0 0 6 * * ?'");
    }

    @Test
    void aBadScheduleIsExplainedAndNotSaved() throws Exception {
        String preview = page(BASE + "/job", "name", DemoJobs.SEND_INVOICES, "cron", "0 61 * * * ?", "zone", "UTC");
        assertThat(preview).contains("invalid cron expression").doesNotContain("data-action=\"save-schedule\"");
        String badZone =
                page(BASE + "/job", "name", DemoJobs.SEND_INVOICES, "cron", "0 0 * * * ?", "zone", "Mars/Base");
        assertThat(badZone).contains("unknown time zone &#39;Mars/Base&#39;");

        mvc.perform(action("/job/reschedule", DemoJobs.SEND_INVOICES)
                        .param("cron", "* * *")
                        .param("zone", "UTC"))
                .andExpect(flash().attribute("error", containsString("invalid cron expression")));
        assertThat(client().job(DemoJobs.SEND_INVOICES).orElseThrow().triggerValue())
                .isEqualTo("0 */10 * * * ?");
    }

    @Test
    void executionsAreFilteredAndPaged() throws Exception {
        String failed = page(BASE + "/executions", "outcome", "FAILED");
        assertThat(failed).contains("flaky-import").doesNotContain("data-job=\"sync-inventory\"");
        String paged = page(BASE + "/executions", "job", DemoJobs.SYNC_INVENTORY, "size", "1");
        assertThat(paged).contains("Page <span>1</span>", "Older");
        String byNode = page(BASE + "/executions", "node", RecordedCluster.NODE);
        assertThat(byNode).doesNotContain("evil-node");
        String future = page(BASE + "/executions", "from", "2999-01-01T00:00");
        assertThat(future).contains("<span>0</span> executions match");
        String bad = page(BASE + "/executions", "from", "yesterday", "outcome", "MAYBE");
        assertThat(bad)
                .contains("From &#39;yesterday&#39; is not a 24-hour date", "Outcome &#39;MAYBE&#39; is not one of");
    }

    @Test
    void theFailoversPageNamesBothNodesTheReasonAndTheDelay() throws Exception {
        String html = page(BASE + "/failovers");
        assertThat(html).contains("CRASH", "1.2 s", "node-a", "evil-node");
    }

    @Test
    void theNodesPageShowsHeartbeatAgeAndSession() throws Exception {
        String html = page(BASE + "/nodes");
        assertThat(html).contains("data-node=\"node-a\"", "LEFT", "Heartbeat age");
    }
}
