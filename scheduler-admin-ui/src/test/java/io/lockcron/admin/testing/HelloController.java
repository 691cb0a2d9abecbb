package io.lockcron.admin.testing;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A path of the host application, outside the console: the console's security must leave it alone. */
@RestController
public class HelloController {

    @GetMapping("/hello")
    public String hello() {
        return "hello from the host application";
    }

    /** A host path the console's login guards too ({@code lockcron.console.guarded-paths}), as the Actuator's. */
    @GetMapping("/hello/guarded")
    public String guarded() {
        return "guarded by the console's login";
    }
}
