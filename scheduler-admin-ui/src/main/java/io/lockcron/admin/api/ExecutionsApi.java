package io.lockcron.admin.api;

import io.lockcron.ExecutionQuery;
import io.lockcron.admin.cluster.ConsoleReader;
import io.lockcron.admin.cluster.ExecutionView;
import io.lockcron.admin.cluster.PageView;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code GET api/executions}: executions newest first, filtered by job, node, outcome and fire
 * time ({@code from} inclusive, {@code to} exclusive, ISO-8601 instants), paged from page 0.
 */
@ConsoleApi
@RequestMapping("/api")
public class ExecutionsApi {
    private final ConsoleReader reader;

    public ExecutionsApi(ConsoleReader reader) {
        this.reader = reader;
    }

    @GetMapping("/executions")
    public PageView<ExecutionView> executions(
            @RequestParam(required = false) @Nullable String job,
            @RequestParam(required = false) @Nullable String node,
            @RequestParam(required = false) @Nullable String outcome,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return reader.executions(new ExecutionQuery(
                ApiParameters.text(job),
                ApiParameters.text(node),
                ApiParameters.outcome(outcome),
                ApiParameters.instant("from", from),
                ApiParameters.instant("to", to),
                page,
                size));
    }
}
