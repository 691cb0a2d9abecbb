package io.lockcron.admin.e2e;

import io.lockcron.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link DoomedNode} in a JVM of its own on the test's class path; its output goes to a file. */
final class NodeProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private NodeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static NodeProcess start(String nodeId, Path logDir) throws IOException {
        Files.createDirectories(logDir);
        Path log = logDir.resolve(nodeId + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        java,
                        "-Xmx192m",
                        "-XX:TieredStopAtLevel=1",
                        TestDatabase.childJvmArgument(), // the same isolated test database as this JVM
                        "-cp",
                        System.getProperty("java.class.path"),
                        DoomedNode.class.getName(),
                        nodeId))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        return new NodeProcess(builder.start(), log);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the process gets no chance to clean up; its database connections just drop. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("node process " + process.pid() + " survived SIGKILL for 10 s");
        }
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    static Duration startupTimeout() {
        return Duration.ofSeconds(45);
    }
}
