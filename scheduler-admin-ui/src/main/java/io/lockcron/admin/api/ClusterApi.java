package io.lockcron.admin.api;

import io.lockcron.admin.cluster.AuditView;
import io.lockcron.admin.cluster.ConsoleReader;
import io.lockcron.admin.cluster.FailoverView;
import io.lockcron.admin.cluster.FencingView;
import io.lockcron.admin.cluster.NodeView;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code GET api/nodes}, {@code GET api/failovers}, {@code GET api/fencings} and {@code GET api/audit},
 * newest first.
 */
@ConsoleApi
@RequestMapping("/api")
public class ClusterApi {
    static final int MAX_LIMIT = 1000;
    private final ConsoleReader reader;

    public ClusterApi(ConsoleReader reader) {
        this.reader = reader;
    }

    @GetMapping("/nodes")
    public List<NodeView> nodes() {
        return reader.nodes();
    }

    @GetMapping("/failovers")
    public List<FailoverView> failovers(
            @RequestParam(required = false) @Nullable String job, @RequestParam(defaultValue = "100") int limit) {
        int n = ApiParameters.limit(limit, MAX_LIMIT);
        return job == null || job.isBlank() ? reader.failovers(n) : reader.failoversOf(job, n);
    }

    /** Nodes fenced for a stale heartbeat, newest first. */
    @GetMapping("/fencings")
    public List<FencingView> fencings(@RequestParam(defaultValue = "100") int limit) {
        return reader.fencings(ApiParameters.limit(limit, MAX_LIMIT));
    }

    @GetMapping("/audit")
    public List<AuditView> audit(
            @RequestParam(required = false) @Nullable String job, @RequestParam(defaultValue = "100") int limit) {
        int n = ApiParameters.limit(limit, MAX_LIMIT);
        return job == null || job.isBlank() ? reader.audit(n) : reader.auditOf(job, n);
    }
}
