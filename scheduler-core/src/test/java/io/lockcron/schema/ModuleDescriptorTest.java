package io.lockcron.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * scheduler-core's module-info exports every API package and no internal one, and opens the schema
 * scripts: a new public package that is not exported, or an exported internal one, fails here.
 */
class ModuleDescriptorTest {

    @Test
    void exportsExactlyTheApiPackagesAndOpensTheScripts() throws Exception {
        Path classes = Path.of(LockcronSchema.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        ModuleDescriptor descriptor;
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }

        Set<String> exported = descriptor.exports().stream()
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());
        Set<String> api = packagesWithClasses(classes).stream()
                .filter(p -> !p.startsWith("io.lockcron.internal"))
                .collect(Collectors.toSet());
        assertThat(descriptor.name()).isEqualTo("io.lockcron.core");
        assertThat(exported).containsExactlyInAnyOrderElementsOf(api).doesNotContain("io.lockcron.internal");
        Set<String> resourceOnly = packagesWith(classes, ".sql", ".xml");
        resourceOnly.removeAll(packagesWithClasses(classes));
        resourceOnly.removeIf(p -> p.startsWith("io.lockcron.internal") || p.startsWith("META-INF"));
        assertThat(resourceOnly)
                .contains("io.lockcron.sql.mysql", "io.lockcron.flyway.postgresql", "io.lockcron.liquibase");
        assertThat(descriptor.opens().stream().map(ModuleDescriptor.Opens::source))
                .containsExactlyInAnyOrderElementsOf(resourceOnly);
    }

    private static Set<String> packagesWithClasses(Path root) throws IOException {
        Set<String> packages = packagesWith(root, ".class");
        packages.remove(""); // module-info.class
        return packages;
    }

    private static Set<String> packagesWith(Path root, String... suffixes) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> Stream.of(suffixes).anyMatch(f.toString()::endsWith))
                    .map(f -> root.relativize(f.getParent()).toString().replace('/', '.'))
                    .collect(Collectors.toCollection(java.util.HashSet::new));
        }
    }
}
