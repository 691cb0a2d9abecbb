package io.lockcron.admin.api;

import io.lockcron.admin.cluster.ConsoleReader;
import io.lockcron.admin.cluster.Overview;
import io.lockcron.admin.cluster.PromiseView;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code GET api/overview}: the overview page's numbers and chart. */
@ConsoleApi
@RequestMapping("/api")
public class OverviewApi {
    private final ConsoleReader reader;

    public OverviewApi(ConsoleReader reader) {
        this.reader = reader;
    }

    @GetMapping("/overview")
    public Overview overview() {
        return reader.overview();
    }

    /**
     * The promise audited: {@code GET api/promise?from=&to=&job=} (ISO instants; default the last
     * 24 hours, every job). 400 with the fix if the range asks for too many fires.
     */
    @GetMapping("/promise")
    public PromiseView promise(
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String job) {
        Instant end = ApiParameters.instant("to", to);
        Instant until = end == null ? reader.now() : end;
        Instant start = ApiParameters.instant("from", from);
        return reader.promiseStrict(
                start == null ? until.minus(Duration.ofDays(1)) : start, until, ApiParameters.text(job));
    }
}
