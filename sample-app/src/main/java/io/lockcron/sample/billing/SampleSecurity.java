package io.lockcron.sample.billing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The sample's own paths: its health can be read, nothing else is open. Jobs are triggered, paused
 * and resumed from the console (/lockcron/), which has its own login and chain; the Actuator's
 * lockcron endpoint (session ids, error traces) is behind the console's login too
 * ({@code lockcron.console.guarded-paths} in application.yml; the console's chain comes first).
 */
@Configuration(proxyBeanMethods = false)
class SampleSecurity {

    @Bean
    SecurityFilterChain sampleSecurityFilterChain(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET, "/actuator/health")
                        .permitAll()
                        .anyRequest()
                        .denyAll())
                .build();
    }
}
