package io.lockcron.admin.web;

import io.lockcron.admin.security.ConsoleSecurityConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A host's own chain in place of the console's, as docs/console.md allows: as permissive as it
 * gets (any authenticated user, no CSRF, no role per method). Its users carry the console's role
 * names, as an SSO mapping would give them.
 */
@TestConfiguration(proxyBeanMethods = false)
class PermissiveHostChain {
    static final String HOST_VIEWER = "vera";
    static final String HOST_OPERATOR = "otto";
    static final String PASSWORD = "host-secret";

    @Bean(ConsoleSecurityConfiguration.FILTER_CHAIN_BEAN)
    @Order(1)
    SecurityFilterChain permissiveChain(HttpSecurity http) throws Exception {
        var users = new InMemoryUserDetailsManager(
                User.withUsername(HOST_VIEWER)
                        .password("{noop}" + PASSWORD)
                        .roles("VIEWER")
                        .build(),
                User.withUsername(HOST_OPERATOR)
                        .password("{noop}" + PASSWORD)
                        .roles("VIEWER", "OPERATOR")
                        .build());
        http.securityMatcher("/lockcron/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.disable())
                .userDetailsService(users);
        return http.build();
    }
}
