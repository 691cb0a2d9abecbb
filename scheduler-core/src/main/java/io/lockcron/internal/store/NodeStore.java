package io.lockcron.internal.store;

import io.lockcron.NodeInfo;
import java.util.List;

/** The {@code scheduler_node} table: who is in the cluster, and since when they were last heard from. */
public final class NodeStore {
    private final Store store;

    NodeStore(Store store) {
        this.store = store;
    }

    public void join(String nodeId, String host, long pid) {
        store.jdbi().useHandle(h -> {
            int updated = store.update(h, "rejoin-node")
                    .bind("node", nodeId)
                    .bind("host", host)
                    .bind("pid", pid)
                    .execute();
            if (updated == 0) {
                store.update(h, "insert-node")
                        .bind("node", nodeId)
                        .bind("host", host)
                        .bind("pid", pid)
                        .execute();
            }
        });
    }

    /** False if this node is no longer an active member (it left, or was fenced). */
    public boolean heartbeat(String nodeId) {
        return store.jdbi()
                .withHandle(
                        h -> store.update(h, "heartbeat").bind("node", nodeId).execute() == 1);
    }

    public void leave(String nodeId) {
        store.jdbi()
                .useHandle(
                        h -> store.update(h, "leave-node").bind("node", nodeId).execute());
    }

    public List<NodeInfo> all() {
        return store.jdbi()
                .withHandle(h -> store.query(h, "list-nodes")
                        .map((rs, ctx) -> Rows.node(rs))
                        .list());
    }
}
