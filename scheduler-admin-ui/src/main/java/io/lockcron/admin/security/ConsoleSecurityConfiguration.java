package io.lockcron.admin.security;

import io.lockcron.admin.ConsoleProperties;
import io.lockcron.admin.cluster.ConsoleClient;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;

/**
 * The console's own filter chain, matching only requests under {@code lockcron.console.path}:
 * the host application's security for its other paths stays as it is. Its users, its security
 * context and its CSRF token live under session attributes of its own, so that logging in to the
 * console never logs anyone in to the host application, nor the other way round.
 *
 * <p>Reading needs the VIEWER role; every request other than GET and HEAD needs OPERATOR and a
 * CSRF token, and is refused outright in read-only mode. Pages log in with a form; scripts use
 * HTTP Basic (see docs/console.md); failed logins are throttled and audited ({@link LoginThrottle}).
 * {@code lockcron.console.guarded-paths} puts other paths of the host (e.g. the Actuator's lockcron
 * endpoint) behind the same login. A host application replaces the whole chain by declaring a
 * bean named {@value #FILTER_CHAIN_BEAN}; the actions check the role and the read-only mode again
 * themselves ({@link io.lockcron.admin.cluster.ActionGuard}), so no chain can let a viewer act.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class ConsoleSecurityConfiguration {
    public static final String FILTER_CHAIN_BEAN = "lockcronConsoleSecurityFilterChain";
    /** Ahead of application chains, which would otherwise claim the console's paths with an any-request matcher. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 50;

    static final String CONTEXT_ATTRIBUTE = "io.lockcron.admin.SECURITY_CONTEXT";
    static final String CSRF_ATTRIBUTE = "io.lockcron.admin.CSRF_TOKEN";
    static final String SAVED_REQUEST_ATTRIBUTE = "io.lockcron.admin.SAVED_REQUEST";
    static final String REALM = "lockcron console";
    /** No inline script or style anywhere in the console: an injected tag could not run even if it slipped through. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self';"
            + " frame-ancestors 'none'";

    @Bean(FILTER_CHAIN_BEAN)
    @ConditionalOnMissingBean(name = FILTER_CHAIN_BEAN)
    @Order(ORDER)
    SecurityFilterChain lockcronConsoleSecurityFilterChain(
            HttpSecurity http,
            ConsoleProperties properties,
            LoginThrottle throttle,
            ConsoleClient client,
            ObjectProvider<PathPatternRequestMatcher.Builder> pathMatchers)
            throws Exception {
        String base = properties.basePath();
        PathPatternRequestMatcher.Builder paths = pathMatchers.getIfAvailable(PathPatternRequestMatcher::withDefaults);
        RequestMatcher xhr = new RequestHeaderRequestMatcher("X-Requested-With", "XMLHttpRequest");
        List<RequestMatcher> guarded = properties.getGuardedPaths().stream()
                .map(path -> (RequestMatcher) paths.matcher(path))
                .toList();
        List<RequestMatcher> apiLike = new ArrayList<>(guarded);
        apiLike.add(paths.matcher(base + "/api/**"));
        RequestMatcher api = new OrRequestMatcher(apiLike);
        List<RequestMatcher> covered = new ArrayList<>(guarded);
        covered.add(paths.matcher(base + "/**"));
        // Answers 401 itself instead of sendError: an error dispatch to /error would pass through the
        // host's own security chain, which would replace the console's challenge with its own.
        AuthenticationEntryPoint basic = (request, response, denied) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
        };

        HttpSessionSecurityContextRepository sessionContexts = new HttpSessionSecurityContextRepository();
        sessionContexts.setSpringSecurityContextKey(CONTEXT_ATTRIBUTE);
        HttpSessionCsrfTokenRepository csrfTokens = new HttpSessionCsrfTokenRepository();
        csrfTokens.setSessionAttributeName(CSRF_ATTRIBUTE);
        HttpSessionRequestCache savedRequests = new HttpSessionRequestCache();
        savedRequests.setSessionAttrName(SAVED_REQUEST_ATTRIBUTE);

        http.securityMatcher(new OrRequestMatcher(covered))
                .authenticationManager(new ThrottledAuthentication(
                        ConsoleUsers.from(properties).authenticationManager(), throttle, client))
                .authorizeHttpRequests(requests -> {
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    requests.requestMatchers(
                                    paths.matcher(base + "/assets/**"),
                                    paths.matcher(base + "/webjars/**"),
                                    paths.matcher(base + "/login"))
                            .permitAll();
                    requests.requestMatchers(
                                    paths.matcher(HttpMethod.GET, base + "/**"),
                                    paths.matcher(HttpMethod.HEAD, base + "/**"))
                            .hasRole("VIEWER");
                    for (String path : properties.getGuardedPaths()) {
                        requests.requestMatchers(
                                        paths.matcher(HttpMethod.GET, path), paths.matcher(HttpMethod.HEAD, path))
                                .hasRole("VIEWER");
                    }
                    if (properties.isReadOnly()) {
                        requests.anyRequest().denyAll();
                    } else {
                        requests.anyRequest().hasRole("OPERATOR");
                    }
                })
                .securityContext(context -> context.securityContextRepository(new DelegatingSecurityContextRepository(
                        new RequestAttributeSecurityContextRepository(), sessionContexts)))
                // An empty CORS configuration: no other origin may call the console, whatever CORS
                // mappings the host application has for its own paths.
                .cors(cors -> cors.configurationSource(request -> new CorsConfiguration()))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens))
                .requestCache(cache -> cache.requestCache(savedRequests))
                .formLogin(form -> form.loginPage(base + "/login")
                        .defaultSuccessUrl(base + "/", false)
                        .failureUrl(base + "/login?error")
                        .permitAll())
                .httpBasic(httpBasic -> httpBasic.realmName(REALM).authenticationEntryPoint(basic))
                .logout(logout -> logout.logoutRequestMatcher(paths.matcher(HttpMethod.POST, base + "/logout"))
                        .logoutSuccessUrl(base + "/login?logout")
                        // Embedded, the session is the host application's too: drop only what is ours.
                        .invalidateHttpSession(false)
                        .addLogoutHandler((request, response, authentication) -> {
                            HttpSession session = request.getSession(false);
                            if (session != null) {
                                session.removeAttribute(CONTEXT_ATTRIBUTE);
                                session.removeAttribute(SAVED_REQUEST_ATTRIBUTE);
                            }
                        }))
                .exceptionHandling(exceptions -> exceptions
                        // Scripts of the console's pages get a plain 401 (no browser login prompt) and reload.
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), xhr)
                        .defaultAuthenticationEntryPointFor(basic, api)
                        .defaultAuthenticationEntryPointFor(
                                new LoginUrlAuthenticationEntryPoint(base + "/login"), AnyRequestMatcher.INSTANCE)
                        .accessDeniedHandler(new ConsoleAccessDeniedHandler(base, properties.isReadOnly(), api)))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    @Bean
    @ConditionalOnMissingBean
    LoginThrottle lockcronConsoleLoginThrottle(ConsoleProperties properties) {
        return new LoginThrottle(properties.getLogin(), Clock.systemUTC());
    }

    @Bean
    static SingleChainWarning lockcronConsoleSingleChainWarning() {
        return new SingleChainWarning();
    }
}
