package io.lockcron.spring.autoconfigure;

import io.lockcron.SchedulerBuilder;
import org.jspecify.annotations.Nullable;

/** This node's id: {@code lockcron.node-id}, else the core's default (host, process id, random suffix). */
final class NodeIds {
    static final int MAX_LENGTH = 100;

    private NodeIds() {}

    static String resolve(@Nullable String configured) {
        String id = configured == null || configured.isBlank() ? SchedulerBuilder.defaultNodeId() : configured;
        if (id.length() > MAX_LENGTH || id.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalStateException("lockcron.node-id '" + id + "' must be 1 to " + MAX_LENGTH
                    + " printable characters (scheduler_node.node_id). Set a shorter lockcron.node-id.");
        }
        return id;
    }
}
