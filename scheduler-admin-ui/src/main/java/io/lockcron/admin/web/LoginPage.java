package io.lockcron.admin.web;

import org.springframework.web.bind.annotation.GetMapping;

/** The login form; Spring Security handles its POST. */
@ConsolePage
public class LoginPage {

    @GetMapping("/login")
    public String login() {
        return "lockcron-console/login";
    }
}
