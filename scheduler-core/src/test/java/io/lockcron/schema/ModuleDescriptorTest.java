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
        assertThat(descriptor.opens().stream().map(ModuleDescriptor.Opens::source))
                .containsExactlyInAnyOrder("io.lockcron.sql.h2", "io.lockcron.sql.mysql", "io.lockcron.sql.postgresql");
    }

    private static Set<String> packagesWithClasses(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .filter(f -> !f.getFileName().toString().equals("module-info.class"))
                    .map(f -> root.relativize(f.getParent()).toString().replace('/', '.'))
                    .collect(Collectors.toSet());
        }
    }
}
