package io.lockcron.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} command-line options with defaults; an unknown name or a bad value is refused. */
record Options(Map<String, String> values) {
    private static final List<String> NAMES = List.of(
            "url",
            "node-urls",
            "user",
            "password",
            "server",
            "scenario",
            "nodes",
            "jobs",
            "idle-jobs",
            "seconds",
            "warmup",
            "workers",
            "shape",
            "effect",
            "transactions",
            "ceiling-threads",
            "jfr",
            "rounds",
            "heartbeat-timeout",
            "node",
            "role");

    static Options parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!NAMES.contains(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value with a name out of " + NAMES + ", got '"
                        + args[i] + "'" + (i + 1 >= args.length ? " without a value" : ""));
            }
            values.put(name, args[i + 1]);
        }
        return new Options(values);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    String oneOf(String name, String... choices) {
        String value = get(name, choices[0]);
        if (!List.of(choices).contains(value)) {
            throw new IllegalArgumentException("--" + name + " " + value + ": expected one of " + List.of(choices));
        }
        return value;
    }

    int integer(String name, int fallback) {
        String value = get(name, String.valueOf(fallback));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " " + value + ": expected a whole number", e);
        }
    }
}
