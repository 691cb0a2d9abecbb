package io.lockcron.spring.autoconfigure;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;

/** This node's id: {@code lockcron.node-id}, else host name and process id, as the core's default. */
final class NodeIds {
    static final int MAX_LENGTH = 100;

    private NodeIds() {}

    static String resolve(@Nullable String configured) {
        String id = configured == null || configured.isBlank()
                ? host() + ":" + ProcessHandle.current().pid()
                : configured;
        if (id.length() > MAX_LENGTH || id.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalStateException("lockcron.node-id '" + id + "' must be 1 to " + MAX_LENGTH
                    + " printable characters (scheduler_node.node_id). Set a shorter lockcron.node-id.");
        }
        return id;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
