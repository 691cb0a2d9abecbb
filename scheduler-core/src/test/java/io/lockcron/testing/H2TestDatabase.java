package io.lockcron.testing;

/** H2 in memory, shared by every connection of the JVM that names it. */
public final class H2TestDatabase extends TestDatabase {
    private final String url;

    private H2TestDatabase(String url) {
        this.url = url;
    }

    public static H2TestDatabase named(String database) {
        return new H2TestDatabase("jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1");
    }

    @Override
    public String name() {
        return "h2";
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public String user() {
        return "sa";
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    protected String howToProvide() {
        return "H2 runs in process; check that com.h2database:h2 is on the test classpath.";
    }
}
