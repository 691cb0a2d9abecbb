package io.lockcron.sample.billing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The sample's own paths: its health and the job list from Actuator can be read, nothing else is
 * open. Jobs are triggered, paused and resumed from the console (/lockcron/), which has its own
 * login and chain; a real service would put Actuator behind its own login too.
 */
@Configuration(proxyBeanMethods = false)
class SampleSecurity {

    @Bean
    SecurityFilterChain sampleSecurityFilterChain(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(
                        requests -> requests.requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/lockcron")
                                .permitAll()
                                .anyRequest()
                                .denyAll())
                .build();
    }
}
