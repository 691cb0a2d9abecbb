package io.lockcron.admin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.lockcron.AuditEvent;
import io.lockcron.ExecutionInfo;
import io.lockcron.ExecutionQuery;
import io.lockcron.JobStatus;
import io.lockcron.Outcome;
import io.lockcron.Scheduler;
import io.lockcron.admin.testing.DemoJobs;
import io.lockcron.job.JobDefinition;
import io.lockcron.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rerun, cancel, delete, search, bulk pause/resume and the fire page, through the forms and the API. */
class ConsoleActionsTest extends H2ConsoleTest {

    private static ExecutionInfo aFailedFlakyImport() {
        return client().executions(ExecutionQuery.all()
                        .job(DemoJobs.FLAKY_IMPORT)
                        .outcome(Outcome.FAILED)
                        .page(0, 1))
                .items()
                .get(0);
    }

    private static long audited(String actor, String action) {
        return client().auditLog(500).stream()
                .filter(e -> e.actor().equals(actor) && e.action().equals(action))
                .count();
    }

    @Test
    void anOperatorRerunsAFailedFireAsItselfAndEachRefusalSaysWhy() throws Exception {
        ExecutionInfo failed = aFailedFlakyImport();
        String fire = failed.fireTime().toString();
        try {
            mvc.perform(post(BASE + "/api/job/rerun")
                            .param("name", DemoJobs.FLAKY_IMPORT)
                            .param("fire", fire)
                            .with(httpBasic(VIEWER, VIEWER_PASSWORD))
                            .with(csrf()))
                    .andExpect(status().isForbidden());
            mvc.perform(post(BASE + "/api/job/rerun")
                            .param("name", DemoJobs.FLAKY_IMPORT)
                            .param("fire", fire)
                            .with(httpBasic(OPERATOR, OPERATOR_PASSWORD)))
                    .andExpect(status().isForbidden());
            mvc.perform(post(BASE + "/api/job/rerun")
                            .param("name", "no-such-job")
                            .param("fire", fire)
                            .with(httpBasic(OPERATOR, OPERATOR_PASSWORD))
                            .with(csrf()))
                    .andExpect(status().isNotFound());
            mvc.perform(post(BASE + "/api/job/rerun")
                            .param("name", DemoJobs.FLAKY_IMPORT)
                            .param("fire", "<b>yesterday</b>")
                            .with(httpBasic(OPERATOR, OPERATOR_PASSWORD))
                            .with(csrf()))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.detail").value(containsString("ISO-8601")));
            long before = audited(OPERATOR, "RERUN");

            mvc.perform(post(BASE + "/api/job/rerun")
                            .param("name", DemoJobs.FLAKY_IMPORT)
                            .param("fire", fire)
                            .with(httpBasic(OPERATOR, OPERATOR_PASSWORD))
                            .with(csrf()))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.triggerRequestedAt").value(fire));

            assertThat(audited(OPERATOR, "RERUN")).isEqualTo(before + 1);
            assertThat(client().executions(ExecutionQuery.all()
                                    .job(DemoJobs.FLAKY_IMPORT)
                                    .between(
                                            failed.fireTime(), failed.fireTime().plusMillis(1)))
                            .items())
                    .singleElement()
                    .extracting(ExecutionInfo::outcome)
                    .isEqualTo(Outcome.RETRYING);
            mvc.perform(post(BASE + "/api/job/rerun")
                            .param("name", DemoJobs.FLAKY_IMPORT)
                            .param("fire", fire)
                            .with(httpBasic(OPERATOR, OPERATOR_PASSWORD))
                            .with(csrf()))
                    .andExpect(status().isConflict())
                    .andExpect(jsonPath("$.detail").value(containsString("trigger-now request pending")));
        } finally {
            // No node runs in these tests: put the recorded history back for the other tests.
            TestDatabase.execute(
                    database(),
                    List.of(
                            "UPDATE job_execution SET outcome = 'FAILED' WHERE outcome = 'RETRYING'",
                            "UPDATE lock_cron SET trigger_requested_at = NULL, trigger_requested_by = NULL"
                                    + " WHERE lock_name = '" + DemoJobs.FLAKY_IMPORT + "'"));
        }
    }

    @Test
    void theFirePageShowsEveryAttemptWithItsErrorEscapedAndOffersTheRerun() throws Exception {
        ExecutionInfo failed = aFailedFlakyImport();
        mvc.perform(get(BASE + "/fire")
                        .param("name", DemoJobs.FLAKY_IMPORT)
                        .param("at", failed.fireTime().toString())
                        .with(httpBasic(OPERATOR, OPERATOR_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-attempt=\"1\"")))
                .andExpect(content().string(containsString("data-action=\"rerun\"")))
                .andExpect(content().string(containsString(String.valueOf(failed.fencingToken()))))
                .andExpect(content().string(containsString("upstream answered 502 for &lt;img")))
                .andExpect(content().string(not(containsString("<img src=x"))));
        mvc.perform(get(BASE + "/fire")
                        .param("name", DemoJobs.FLAKY_IMPORT)
                        .param("at", failed.fireTime().toString())
                        .with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("data-action=\"rerun\""))));
        mvc.perform(get(BASE + "/api/fire")
                        .param("name", DemoJobs.FLAKY_IMPORT)
                        .param("at", failed.fireTime().toString())
                        .with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.attempts[0].outcome").value("FAILED"))
                .andExpect(jsonPath("$.attempts[0].error").value(containsString("upstream answered 502")));
        mvc.perform(get(BASE + "/fire")
                        .param("name", DemoJobs.FLAKY_IMPORT)
                        .param("at", "2001-01-01T00:00:00Z")
                        .with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("assets/console.css")));
        mvc.perform(get(BASE + "/executions").with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(content().string(containsString("data-field=\"fire-link\"")));
    }

    @Test
    void aPendingOneShotIsCancelledAndAJobNoNodeRegistersIsDeleted() throws Exception {
        String entry = client().scheduleOnce(
                        DemoJobs.DAILY_REPORT, "cancel-me", Instant.now().plus(Duration.ofDays(1)), "{\"n\":1}");
        mvc.perform(post(BASE + "/api/job/cancel")
                        .param("name", entry)
                        .with(httpBasic(OPERATOR, OPERATOR_PASSWORD))
                        .with(csrf()))
                .andExpect(status().isNoContent());
        assertThat(client().job(entry)).isEmpty();
        mvc.perform(post(BASE + "/api/job/cancel")
                        .param("name", DemoJobs.DAILY_REPORT)
                        .with(httpBasic(OPERATOR, OPERATOR_PASSWORD))
                        .with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("not a one-shot entry")));

        String doomed = client().scheduleOnce(
                        DemoJobs.DAILY_REPORT, "delete-me", Instant.now().plus(Duration.ofDays(1)), null);
        mvc.perform(post(BASE + "/job/delete")
                        .param("name", doomed)
                        .with(httpBasic(OPERATOR, OPERATOR_PASSWORD))
                        .with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl(BASE + "/jobs"));
        assertThat(client().job(doomed)).isEmpty();
        assertThat(client().auditLog(500))
                .extracting(AuditEvent::action, AuditEvent::jobName)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("CANCEL", entry),
                        org.assertj.core.groups.Tuple.tuple("DELETE", doomed));
    }

    @Test
    void aJobALiveNodeRegistersIsNotDeleted() throws Exception {
        try (Scheduler node = Scheduler.builder(database())
                .nodeId("live-node")
                .jobs(List.of(JobDefinition.builder("still-in-code")
                        .onDemand()
                        .handler(ctx -> {})
                        .build()))
                .build()) {
            node.start();
            mvc.perform(post(BASE + "/api/job/delete")
                            .param("name", "still-in-code")
                            .with(httpBasic(OPERATOR, OPERATOR_PASSWORD))
                            .with(csrf()))
                    .andExpect(status().isConflict())
                    .andExpect(jsonPath("$.detail").value(containsString("still registered by live node live-node")));
            assertThat(client().job("still-in-code")).isPresent();
        }
        client().actingAs("cleanup", null).delete("still-in-code");
    }

    @Test
    void pauseAndTriggerOfAJobWhoseFireRunsAreAcceptedAtOnceAndShownAsPendingUntilTheFireEnds() throws Exception {
        java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        String job = "long-invoicing";
        try (Scheduler node = Scheduler.builder(database())
                .nodeId("busy-node")
                .pollInterval(Duration.ofMillis(200))
                .jobs(List.of(JobDefinition.builder(job)
                        .onDemand()
                        .handler(ctx -> {
                            running.countDown();
                            if (!release.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
                                throw new IllegalStateException("never released");
                            }
                        })
                        .build()))
                .build()) {
            node.start();
            client().triggerNow(job, "test");
            assertThat(running.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            try {
                long started = System.nanoTime();
                mvc.perform(post(BASE + "/job/pause")
                                .param("name", job)
                                .with(httpBasic(OPERATOR, OPERATOR_PASSWORD))
                                .with(csrf()))
                        .andExpect(status().is3xxRedirection())
                        .andExpect(flash().attribute("notice", containsString("Pause of " + job + " accepted")));
                mvc.perform(post(BASE + "/api/job/trigger")
                                .param("name", job)
                                .with(httpBasic(OPERATOR, OPERATOR_PASSWORD))
                                .with(csrf()))
                        .andExpect(status().isAccepted())
                        .andExpect(header().string("Lockcron-Action-Result", "PENDING"));
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
                mvc.perform(get(BASE + "/job").param("name", job).with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                        .andExpect(status().isOk())
                        .andExpect(content().string(containsString("data-request=\"PAUSE\"")))
                        .andExpect(content().string(containsString("data-request=\"TRIGGER\"")));
                mvc.perform(get(BASE + "/api/job/requests").param("name", job).with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$[0].action").value("PAUSE"))
                        .andExpect(jsonPath("$[1].action").value("TRIGGER"));
            } finally {
                release.countDown();
            }
            io.lockcron.admin.testing.Wait.until(
                    "the pause and the trigger applied",
                    Duration.ofSeconds(30),
                    () -> client().pendingRequests(job).isEmpty()
                            && client().job(job).orElseThrow().status() == JobStatus.PAUSED);
            // The trigger asked for one more fire after the running one: it runs, paused or not.
            io.lockcron.admin.testing.Wait.until(
                    "the triggered fire",
                    Duration.ofSeconds(30),
                    () -> client().executions(ExecutionQuery.all().job(job)).total() == 2);
        }
        client().actingAs("cleanup", null).delete(job);
    }

    @Test
    void jobsAreSearchedPagedAndPausedInBulk() throws Exception {
        mvc.perform(get(BASE + "/jobs").param("q", "SYNC").with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-job=\"" + DemoJobs.SYNC_INVENTORY + "\"")))
                .andExpect(content().string(not(containsString("data-job=\"" + DemoJobs.SEND_INVOICES + "\""))));
        mvc.perform(get(BASE + "/jobs").param("q", "<script>x</script>").with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("&lt;script&gt;x&lt;/script&gt;")))
                .andExpect(content().string(not(containsString("<script>x"))));
        mvc.perform(get(BASE + "/jobs").param("status", "BOGUS").with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("is not one of")));
        mvc.perform(get(BASE + "/jobs").param("page", "2147483647").with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(status().isBadRequest());
        mvc.perform(get(BASE + "/api/jobs/search")
                        .param("trigger", "on_demand")
                        .with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].name").value(DemoJobs.HOSTILE_NAME));

        try {
            mvc.perform(post(BASE + "/jobs/bulk")
                            .param("name", DemoJobs.SYNC_INVENTORY, DemoJobs.SEND_INVOICES, "no-such-job")
                            .param("action", "pause")
                            .with(httpBasic(VIEWER, VIEWER_PASSWORD))
                            .with(csrf()))
                    .andExpect(status().isForbidden());
            assertThat(client().job(DemoJobs.SYNC_INVENTORY).orElseThrow().status())
                    .isNotEqualTo(JobStatus.PAUSED);
            mvc.perform(post(BASE + "/jobs/bulk")
                            .param("name", DemoJobs.SYNC_INVENTORY, DemoJobs.SEND_INVOICES, "no-such-job")
                            .param("action", "pause")
                            .with(httpBasic(OPERATOR, OPERATOR_PASSWORD))
                            .with(csrf()))
                    .andExpect(status().isFound())
                    .andExpect(redirectedUrl(BASE + "/jobs"));
            assertThat(client().job(DemoJobs.SYNC_INVENTORY).orElseThrow().status())
                    .isEqualTo(JobStatus.PAUSED);
            assertThat(client().job(DemoJobs.SEND_INVOICES).orElseThrow().status())
                    .isEqualTo(JobStatus.PAUSED);
            mvc.perform(get(BASE + "/api/jobs/search")
                            .param("status", "paused")
                            .with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                    .andExpect(jsonPath("$.total").value(2));
            mvc.perform(post(BASE + "/api/job/bulk")
                            .param("name", DemoJobs.SYNC_INVENTORY, DemoJobs.SEND_INVOICES)
                            .param("action", "resume")
                            .with(httpBasic(OPERATOR, OPERATOR_PASSWORD))
                            .with(csrf()))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.changed.length()").value(2));
        } finally {
            client().resume(DemoJobs.SYNC_INVENTORY);
            client().resume(DemoJobs.SEND_INVOICES);
        }
        assertThat(client().job(DemoJobs.SYNC_INVENTORY).orElseThrow().status()).isEqualTo(JobStatus.IDLE);
    }

    @Test
    void thePromiseIsAuditedOnTheOverviewTheJobPageAndInTheApi() throws Exception {
        mvc.perform(get(BASE + "/api/promise")
                        .param("job", DemoJobs.FLAKY_IMPORT)
                        .with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.jobs[0].job").value(DemoJobs.FLAKY_IMPORT))
                .andExpect(jsonPath("$.jobs[0].gapsByReason.FAILED_AFTER_ATTEMPTS")
                        .value(org.hamcrest.Matchers.greaterThan(0)))
                .andExpect(jsonPath("$.recordedTwice").value(0));
        mvc.perform(get(BASE + "/api/promise").with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(
                        jsonPath("$.jobs[?(@.job == '" + DemoJobs.HOSTILE_NAME.replace("'", "\\'") + "')].notAudited")
                                .exists());
        mvc.perform(get(BASE + "/api/promise").param("from", "<b>").with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(status().isBadRequest());
        mvc.perform(get(BASE + "/api/promise").param("job", "no-such-job").with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(status().isNotFound());
        mvc.perform(get(BASE + "/").with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(content().string(containsString("data-card=\"promise\"")));
        mvc.perform(get(BASE + "/job").param("name", DemoJobs.FLAKY_IMPORT).with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(content().string(containsString("data-gap=\"FAILED_AFTER_ATTEMPTS\"")));
    }
}
