package io.lockcron.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of a JVM's JIT compiler threads (C1, C2), read from {@code /proc/<pid>/task}: the
 * compilers go on for minutes at a few fires per second, a one-off cost of a new process that the
 * cost of a fire must not include. Where {@code /proc} is missing every figure is zero.
 */
final class CompilerCpu {
    /** Clock ticks per second of {@code /proc/.../stat} (USER_HZ, 100 on Linux). */
    private static final long TICKS_PER_SECOND = 100;

    private CompilerCpu() {}

    /** Ticks so far per compiler thread id of process {@code pid}. */
    static Map<String, Long> sample(long pid) {
        Map<String, Long> ticks = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    if (Files.readString(task.resolve("comm")).matches("C[12] CompilerThre.*\\s*")) {
                        String stat = Files.readString(task.resolve("stat"));
                        // After the name's closing parenthesis: state is field 3, utime 14 and stime 15.
                        String[] fields =
                                stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks.put(
                                task.getFileName().toString(), Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            });
        } catch (IOException e) {
            // no /proc, or the process ended
        }
        return ticks;
    }

    /** Compiler CPU between two samples; a thread that ended meanwhile counts for nothing. */
    static Duration between(Map<String, Long> before, Map<String, Long> after) {
        long ticks = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            ticks += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
        }
        return Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND);
    }
}
