package io.lockcron.admin.testing;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * A host application with nothing but auto-configuration: the console finds the DataSource that
 * {@code spring.datasource.*} describes and mounts itself, as it would in any service.
 * {@code /hello} stands for the host application's own paths.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(HelloController.class)
public class ConsoleTestApp {}
