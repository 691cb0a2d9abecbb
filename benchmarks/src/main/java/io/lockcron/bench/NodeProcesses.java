package io.lockcron.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Scheduler nodes as JVM processes of their own ({@link BenchNode}), with their CPU time. */
final class NodeProcesses implements AutoCloseable {
    static final Path LOGS = Path.of("benchmarks", "target", "node-logs");

    private final List<Process> processes = new ArrayList<>();

    /**
     * Starts {@code count} nodes {@code node-1..n}; node {@code n} connects to {@code urls[(n - 1) %
     * urls.size()]} when {@code urls} is not empty (e.g. each node on another member of a
     * multi-primary cluster).
     */
    static NodeProcesses start(int count, List<String> nodeArguments, List<String> urls) throws IOException {
        Files.createDirectories(LOGS);
        NodeProcesses nodes = new NodeProcesses();
        for (int n = 1; n <= count; n++) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms64m", "-Xmx512m"));
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

    /** The JIT compiler threads' CPU so far, per process: {@link #compilerCpu(List)} takes the difference. */
    List<Map<String, Long>> compilerTicks() {
        return processes.stream().map(p -> CompilerCpu.sample(p.pid())).toList();
    }

    /** The JIT compiler threads' CPU, all node processes, since {@code before} was sampled. */
    Duration compilerCpu(List<Map<String, Long>> before) {
        List<Map<String, Long>> after = compilerTicks();
        Duration total = Duration.ZERO;
        for (int i = 0; i < after.size(); i++) {
            total = total.plus(CompilerCpu.between(before.get(i), after.get(i)));
        }
        return total;
    }

    /**
     * Starts a Flight Recorder profile in node-1 now: a profile of the measured window only, not of
     * start-up and JIT compilation.
     */
    void startRecording() throws IOException, InterruptedException {
        jcmd("JFR.start", "name=window", "settings=profile");
    }

    /** Ends node-1's profile and writes it to {@code file}. */
    void stopRecording(String file) throws IOException, InterruptedException {
        jcmd("JFR.stop", "name=window", "filename=" + Path.of(file).toAbsolutePath());
    }

    private void jcmd(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(processes.get(0).pid())));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + line + " failed");
        }
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
