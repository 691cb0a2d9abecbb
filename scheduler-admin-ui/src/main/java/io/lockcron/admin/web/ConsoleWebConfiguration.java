package io.lockcron.admin.web;

import io.lockcron.admin.ConsoleProperties;
import io.lockcron.admin.api.ConsoleApi;
import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.method.HandlerTypePredicate;
import org.springframework.web.servlet.config.annotation.PathMatchConfigurer;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

/**
 * Mounts the console's controllers and assets under {@code lockcron.console.path}. Only handler
 * types annotated {@link ConsolePage} or {@link ConsoleApi} get the prefix: the host application's
 * mappings are untouched.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleWebConfiguration implements WebMvcConfigurer {
    private final String base;

    public ConsoleWebConfiguration(ConsoleProperties properties) {
        this.base = properties.basePath();
    }

    @Override
    public void configurePathMatch(PathMatchConfigurer configurer) {
        if (!base.isEmpty()) {
            configurer.addPathPrefix(base, HandlerTypePredicate.forAnnotation(ConsolePage.class, ConsoleApi.class));
        }
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        CacheControl hour = CacheControl.maxAge(Duration.ofHours(1));
        registry.addResourceHandler(base + "/assets/**")
                .addResourceLocations("classpath:/io/lockcron/admin/assets/")
                .setCacheControl(hour);
        // Chart.js from its WebJar: served by the console itself, so it works offline and without a CDN.
        registry.addResourceHandler(base + "/webjars/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/")
                .setCacheControl(hour)
                .resourceChain(true)
                .addResolver(new LiteWebJarsResourceResolver());
    }
}
