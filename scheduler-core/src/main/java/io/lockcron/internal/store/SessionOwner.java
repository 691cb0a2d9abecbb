package io.lockcron.internal.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One incarnation of a node, as its database sessions are labelled with it. The label names the
 * database, the table prefix, the node and the incarnation, so that two clusters sharing a server
 * never mistake each other's sessions; when that does not fit the database's limit (63 bytes for
 * PostgreSQL's application_name, 64 characters for a MySQL lock name) the cluster part is hashed.
 *
 * @param scope the database (catalog) and table prefix the node works in
 */
public record SessionOwner(String scope, String nodeId, int incarnation) {
    private static final String PREFIX = "lockcron:";

    /** The label, with {@code suffix} appended, at most {@code max} characters long. */
    String label(String suffix, int max) {
        String tail = "#" + incarnation + suffix;
        String readable = PREFIX + scope + "." + nodeId + tail;
        if (readable.length() <= max && readable.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return readable;
        }
        return PREFIX + hash(scope + "\u0000" + nodeId) + tail;
    }

    private static String hash(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
