package io.lockcron.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link NodeMain} JVM the test can kill (SIGKILL), freeze (SIGSTOP), thaw (SIGCONT) or stop (SIGTERM). */
public final class NodeProcess implements AutoCloseable {
    private final String nodeId;
    private final List<String> command;
    private final Path log;
    private Process process;

    private NodeProcess(String nodeId, List<String> command, Path log) {
        this.nodeId = nodeId;
        this.command = command;
        this.log = log;
    }

    public static NodeProcess start(TestDatabase database, String nodeId, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-Duser.timezone=Asia/Kolkata",
                "-cp",
                System.getProperty("java.class.path"),
                NodeMain.class.getName(),
                "--url",
                database.url(),
                "--user",
                database.user(),
                "--password",
                database.password(),
                "--node",
                nodeId));
        if (database.connectionInitSql() != null) {
            command.addAll(List.of("--init-sql", database.connectionInitSql()));
        }
        command.addAll(List.of(options));
        Path dir = Files.createDirectories(Path.of("target", "node-logs"));
        NodeProcess node = new NodeProcess(nodeId, command, dir.resolve(nodeId + "-" + System.nanoTime() + ".log"));
        node.launch();
        return node;
    }

    private void launch() throws IOException {
        File out = log.toFile();
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out))
                .start();
    }

    public String nodeId() {
        return nodeId;
    }

    public long pid() {
        return process.pid();
    }

    /** What the process printed so far. */
    public String output() throws IOException {
        return Files.readString(log);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the process dies at once, its sockets closed by the kernel. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts the same node again (after a kill), as an operator or a supervisor would. */
    public void restart() throws IOException {
        launch();
    }

    /** SIGSTOP: the process stops dead but keeps its connections open — a hang. */
    public void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT: the frozen process runs again, unaware of the time that passed. */
    public void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    /** SIGTERM: a clean shutdown through the node's shutdown hook. */
    public void stop() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private void signal(String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .inheritIO()
                .start()
                .waitFor();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            signal("CONT");
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
