package io.lockcron.spring.aot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplicationAotProcessor;
import org.springframework.context.aot.AbstractAotProcessor.Settings;

/** Spring's ahead-of-time processing of a lockcron application succeeds and keeps what lockcron loads reflectively. */
class LockcronAotProcessingTest {

    @Test
    void aotProcessingOfALockcronApplicationKeepsItsSqlResourcesAndJobMethods(@TempDir Path out) throws IOException {
        Settings settings = Settings.builder()
                .sourceOutput(out.resolve("sources"))
                .resourceOutput(out.resolve("resources"))
                .classOutput(out.resolve("classes"))
                .groupId("io.lockcron")
                .artifactId("aot-test")
                .build();
        new SpringApplicationAotProcessor(AotTestApp.class, settings, new String[] {
                    "--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
                    "--spring.main.web-application-type=none"
                })
                .process();

        String metadata = allText(out.resolve("resources"), ".json").replace("\\/", "/");
        assertThat(metadata)
                .as("the schema scripts and runtime statements")
                .contains("io/lockcron/sql/")
                .contains("io/lockcron/internal/store/sql/");
        assertThat(metadata)
                .as("the @ClusteredJob method")
                .contains("AotTestApp$Billing")
                .contains("\"bill\"");
        assertThat(allText(out.resolve("sources"), ".java"))
                .as("bean definitions generated for the application")
                .contains("AotTestApp");
    }

    private static String allText(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(suffix))
                    .map(f -> {
                        try {
                            return Files.readString(f);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .collect(Collectors.joining("\n"));
        }
    }
}
