package io.lockcron.admin;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the web console, under {@code lockcron.console}. */
@ConfigurationProperties("lockcron.console")
public class ConsoleProperties {
    public static final String DEFAULT_PATH = "/lockcron";
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(5);
    /** Five missed heartbeats at the core's default heartbeat interval of two seconds. */
    /** The nodes' own fencing threshold: a node this silent is about to be fenced. */
    public static final Duration DEFAULT_NODE_DEAD_AFTER = io.lockcron.SchedulerBuilder.DEFAULT_HEARTBEAT_TIMEOUT;

    /** Whether to serve the console. */
    private boolean enabled = true;

    /**
     * Where the console is mounted, e.g. {@code /lockcron}. {@code /} (the root) only in the
     * standalone console: embedded, the console's security would take over every path of the host.
     */
    private String path = DEFAULT_PATH;

    /**
     * Set by the standalone console application, the only one allowed to mount the console at
     * {@code /}. Not for embedded use.
     */
    private boolean standalone;

    /**
     * Other paths of the application that the console's login guards too, as path patterns, e.g.
     * {@code /actuator/lockcron/**}: reading needs VIEWER, anything else OPERATOR, as on the
     * console's own paths.
     */
    private List<String> guardedPaths = new ArrayList<>();

    /**
     * Whether the user generated when no users are configured is an OPERATOR rather than a
     * VIEWER. For trying the console out on a laptop; production setups configure users.
     */
    private boolean generateOperator;

    /** How failed logins slow down password guessing. */
    private final Login login = new Login();

    /** Show everything, change nothing: hides and refuses every action, even under a host's own security chain. */
    private boolean readOnly;

    /**
     * Prefix of the lockcron table names. Used only when the console creates its own client, that
     * is when the application has no {@code SchedulerClient} bean.
     */
    private String tablePrefix = "";

    /** How often pages refresh themselves in the browser; zero turns auto-refresh off. */
    private Duration refreshInterval = DEFAULT_REFRESH_INTERVAL;

    /** A node whose last heartbeat is older than this is shown as dead. */
    private Duration nodeDeadAfter = DEFAULT_NODE_DEAD_AFTER;

    /** The time zone pages show times in. The JSON API always speaks UTC. */
    private ZoneId timeZone = ZoneId.of("UTC");

    /**
     * Who may log in. Passwords carry their encoding, e.g. {@code {bcrypt}$2a$10$...} or
     * {@code {noop}secret}. With no users, one user {@code admin} with role VIEWER (OPERATOR with
     * {@code generate-operator=true}) and a random password is created at start and its password
     * logged once.
     */
    private List<User> users = new ArrayList<>();

    /** One console user. */
    public static class User {
        /** The login name. */
        private @Nullable String name;

        /** The password with its encoding prefix: {@code {bcrypt}...}, {@code {noop}...}, ... */
        private @Nullable String password;

        /** VIEWER (read only) or OPERATOR (also acts on jobs). */
        private ConsoleRole role = ConsoleRole.VIEWER;

        public @Nullable String getName() {
            return name;
        }

        public void setName(@Nullable String name) {
            this.name = name;
        }

        public @Nullable String getPassword() {
            return password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }

        public ConsoleRole getRole() {
            return role;
        }

        public void setRole(ConsoleRole role) {
            this.role = role;
        }
    }

    /** Login throttling: per user name and per client address, each failure beyond the free ones doubles the wait. */
    public static class Login {
        /** Failed logins allowed before the next attempt has to wait. */
        private int freeFailures = 3;

        /** The wait after the first failure beyond the free ones; it doubles with each further failure. */
        private Duration initialDelay = Duration.ofSeconds(1);

        /** The longest wait. */
        private Duration maxDelay = Duration.ofMinutes(5);

        public int getFreeFailures() {
            return freeFailures;
        }

        public void setFreeFailures(int freeFailures) {
            this.freeFailures = freeFailures;
        }

        public Duration getInitialDelay() {
            return initialDelay;
        }

        public void setInitialDelay(Duration initialDelay) {
            this.initialDelay = initialDelay;
        }

        public Duration getMaxDelay() {
            return maxDelay;
        }

        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }
    }

    /**
     * The mount path as request mappings use it: no trailing slash, empty for the root.
     *
     * @throws IllegalStateException naming the property and a valid value, if the path is not one
     */
    public String basePath() {
        String trimmed = path.strip();
        if (!trimmed.matches("/?[A-Za-z0-9._~/-]*") || trimmed.contains("//") || trimmed.contains("..")) {
            throw new IllegalStateException(
                    "lockcron.console.path '" + path
                            + "' is not a plain path. Use letters, digits, '-', '_' and '/', e.g. '/lockcron' or '/admin/jobs'.");
        }
        String withSlash = trimmed.startsWith("/") ? trimmed : "/" + trimmed;
        String base = withSlash.endsWith("/") ? withSlash.substring(0, withSlash.length() - 1) : withSlash;
        if (base.isEmpty() && !standalone) {
            throw new IllegalStateException(
                    "lockcron.console.path '" + path + "' mounts the console at the root of this"
                            + " application, where its login and roles would take over every path of the application (its"
                            + " own denyAll paths would answer to console users). Mount it under a path of its own, e.g."
                            + " '/lockcron'; only the standalone console (io.lockcron.admin.standalone.ConsoleApplication)"
                            + " serves at the root.");
        }
        return base;
    }

    public boolean isStandalone() {
        return standalone;
    }

    public void setStandalone(boolean standalone) {
        this.standalone = standalone;
    }

    public List<String> getGuardedPaths() {
        return guardedPaths;
    }

    public void setGuardedPaths(List<String> guardedPaths) {
        this.guardedPaths = guardedPaths;
    }

    public boolean isGenerateOperator() {
        return generateOperator;
    }

    public void setGenerateOperator(boolean generateOperator) {
        this.generateOperator = generateOperator;
    }

    public Login getLogin() {
        return login;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    public String getTablePrefix() {
        return tablePrefix;
    }

    public void setTablePrefix(String tablePrefix) {
        this.tablePrefix = tablePrefix;
    }

    public Duration getRefreshInterval() {
        return refreshInterval;
    }

    public void setRefreshInterval(Duration refreshInterval) {
        this.refreshInterval = refreshInterval;
    }

    public Duration getNodeDeadAfter() {
        return nodeDeadAfter;
    }

    public void setNodeDeadAfter(Duration nodeDeadAfter) {
        this.nodeDeadAfter = nodeDeadAfter;
    }

    public ZoneId getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(ZoneId timeZone) {
        this.timeZone = timeZone;
    }

    public List<User> getUsers() {
        return users;
    }

    public void setUsers(List<User> users) {
        this.users = users;
    }
}
