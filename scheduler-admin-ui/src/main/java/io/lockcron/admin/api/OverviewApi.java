package io.lockcron.admin.api;

import io.lockcron.admin.cluster.ConsoleReader;
import io.lockcron.admin.cluster.Overview;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

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
}
