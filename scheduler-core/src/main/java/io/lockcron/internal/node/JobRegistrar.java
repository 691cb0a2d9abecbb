package io.lockcron.internal.node;

import io.lockcron.internal.store.JobRow;
import io.lockcron.internal.store.Store;
import io.lockcron.job.JobDefinition;
import io.lockcron.trigger.Trigger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upserts the code's job definitions into {@code lock_cron} when a node starts.
 *
 * <p>The stored definition hash has two halves: the schedule, and everything else. A node
 * replaces a row's schedule only when the code's schedule changed; so a schedule set through the
 * client survives restarts of nodes that still carry the old one, and pause state is never
 * touched here.
 */
final class JobRegistrar {
    private static final Logger log = LoggerFactory.getLogger(JobRegistrar.class);
    private final Store store;

    JobRegistrar(Store store) {
        this.store = store;
    }

    /**
     * Registers the jobs; returns those whose changed definition could not be applied yet because
     * a fire holds their row (the node tries them again on later polls).
     */
    List<JobDefinition> register(List<JobDefinition> jobs) {
        Instant now = store.now();
        List<JobDefinition> pending = new ArrayList<>();
        for (JobDefinition job : jobs) {
            if (!register(job, now)) {
                pending.add(job);
            }
        }
        return pending;
    }

    /** False if the row is busy with a fire and the definition must wait. */
    private boolean register(JobDefinition job, Instant now) {
        String hash = hash(job);
        Instant first = job.trigger().firstFire(now).orElse(null);
        // A plain read first: inserting over a row another node holds locked would wait for its fire.
        Optional<JobRow> existing = store.jobs().find(job.name());
        if (existing.isEmpty() && store.jobs().insert(job, hash, first, now)) {
            log.info(
                    "Job '{}' registered: {}, first fire {}",
                    job.name(),
                    job.trigger().describe(),
                    first);
            return true;
        }
        JobRow row = existing.isPresent()
                ? existing.get()
                : store.jobs().find(job.name()).orElseThrow();
        if (row.definitionHash().equals(hash)) {
            return true;
        }
        boolean scheduleChanged = !schedulePart(row.definitionHash()).equals(schedulePart(hash));
        Optional<Boolean> updated =
                store.jobs().updateDefinition(job, row.definitionHash(), hash, scheduleChanged, first);
        if (updated.isEmpty()) {
            log.info(
                    "Job '{}' is running on another node; its changed definition is applied after that fire",
                    job.name());
            return false;
        }
        if (updated.get()) {
            log.info(
                    "Job '{}' definition updated{}",
                    job.name(),
                    scheduleChanged
                            ? " with the code's schedule: " + job.trigger().describe()
                            : "");
        }
        return true;
    }

    static String hash(JobDefinition job) {
        Trigger t = job.trigger();
        String schedule = t.type() + "|" + t.value() + "|" + t.zone().getId();
        String rest = job.misfirePolicy() + "|" + job.misfireCatchUpLimit() + "|"
                + job.retry().maxAttempts() + "|" + job.retry().backoff().toMillis() + "|" + job.timeout() + "|"
                + job.mode();
        return digest(schedule) + ":" + digest(rest);
    }

    private static String schedulePart(String hash) {
        int colon = hash.indexOf(':');
        return colon < 0 ? hash : hash.substring(0, colon);
    }

    private static String digest(String text) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
