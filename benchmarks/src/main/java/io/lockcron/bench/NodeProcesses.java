package io.lockcron.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Scheduler nodes as JVM processes of their own ({@link BenchNode}), with their CPU time. */
final class NodeProcesses implements AutoCloseable {
    static final Path LOGS = Path.of("benchmarks", "target", "node-logs");

    private final List<Process> processes = new ArrayList<>();

    /**
     * Starts {@code count} nodes {@code node-1..n}; {@code jfr}, when set, is where node-1 writes
     * a Flight Recorder profile (on exit).
     */
    static NodeProcesses start(int count, List<String> nodeArguments, String jfr) throws IOException {
        return start(count, nodeArguments, jfr, List.of());
    }

    /**
     * As above; node {@code n} connects to {@code urls[(n - 1) % urls.size()]} when {@code urls} is
     * not empty (e.g. each node on another member of a multi-primary cluster).
     */
    static NodeProcesses start(int count, List<String> nodeArguments, String jfr, List<String> urls)
            throws IOException {
        Files.createDirectories(LOGS);
        NodeProcesses nodes = new NodeProcesses();
        for (int n = 1; n <= count; n++) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms64m", "-Xmx512m"));
            if (n == 1 && !jfr.isEmpty()) {
                command.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfr);
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchNode.class.getName()));
            command.addAll(nodeArguments);
            command.addAll(List.of("--node", "node-" + n));
            if (!urls.isEmpty()) {
                command.addAll(List.of("--url", urls.get((n - 1) % urls.size()))); // the last --url counts
            }
            nodes.processes.add(new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(LOGS.resolve("node-" + n + ".log").toFile())
                    .start());
        }
        return nodes;
    }

    /** CPU time all node processes have used so far (user + system). */
    Duration cpu() {
        Duration total = Duration.ZERO;
        for (Process p : processes) {
            total = total.plus(p.info().totalCpuDuration().orElse(Duration.ZERO));
        }
        return total;
    }

    void requireAlive() {
        for (int i = 0; i < processes.size(); i++) {
            if (!processes.get(i).isAlive()) {
                throw new IllegalStateException(
                        "node-" + (i + 1) + " exited; see " + LOGS.resolve("node-" + (i + 1) + ".log"));
            }
        }
    }

    /** SIGTERM: each node lets its running fires finish and leaves; SIGKILL after 60 s. */
    @Override
    public void close() throws InterruptedException {
        processes.forEach(Process::destroy);
        for (Process p : processes) {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
