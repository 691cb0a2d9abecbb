package io.lockcron.testing;

import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * One counter, drawn by triggers, that orders three moments the test cannot see from timestamps:
 * an attempt's start (its {@code fire_attempt} row), a fencing (the {@code scheduler_node} row
 * turning FENCED, before any session is killed) and a fire's commit (its execution leaving
 * RUNNING, or inserted whole by a fire that never touched its transaction and never went on record
 * as an attempt: such a fire is judged by its start, the database time of its claim). On PostgreSQL the commit's number is drawn by a deferred trigger, at the commit
 * itself; MariaDB and MySQL have no deferred triggers, so there it is drawn by the last statement
 * before the commit (the execution's finish), which a frozen node reaches only after it wakes.
 * Computed columns such as {@code finished_at} come from the node's own clock offset and prove
 * nothing about when a transaction really committed.
 */
public final class CommitOrder implements AutoCloseable {
    private final TestDatabase database;
    private final DataSource dataSource;

    private CommitOrder(TestDatabase database, DataSource dataSource) {
        this.database = database;
        this.dataSource = dataSource;
    }

    /** Installs the triggers on the tables as they are now; {@link #close} removes them. */
    public static CommitOrder install(TestDatabase database, DataSource dataSource) {
        CommitOrder order = new CommitOrder(database, dataSource);
        order.drop();
        TestDatabase.execute(dataSource, database.name().equals("postgresql") ? postgres() : mysql());
        return order;
    }

    private static List<String> mysql() {
        return List.of(
                "DROP TABLE IF EXISTS test_order",
                "CREATE TABLE test_order (seq BIGINT AUTO_INCREMENT PRIMARY KEY,"
                        + " kind VARCHAR(8) NOT NULL, node_id VARCHAR(100) NOT NULL, token BIGINT NULL,"
                        + " moment DATETIME(3) NULL)",
                "CREATE TRIGGER test_order_begin AFTER INSERT ON fire_attempt FOR EACH ROW"
                        + " INSERT INTO test_order (kind, node_id, token) VALUES ('BEGIN', NEW.node_id, NEW.id)",
                "CREATE TRIGGER test_order_fence AFTER UPDATE ON scheduler_node FOR EACH ROW"
                        + " INSERT INTO test_order (kind, node_id, token, moment) SELECT 'FENCE', NEW.node_id, NULL,"
                        + " NEW.fenced_at FROM DUAL WHERE NEW.state = 'FENCED' AND OLD.state <> 'FENCED'",
                "CREATE TRIGGER test_order_whole AFTER INSERT ON job_execution FOR EACH ROW"
                        + " INSERT INTO test_order (kind, node_id, token, moment) SELECT 'COMMIT', NEW.node_id,"
                        + " NEW.fencing_token, NEW.started_at FROM DUAL WHERE NEW.outcome <> 'RUNNING'",
                "CREATE TRIGGER test_order_commit AFTER UPDATE ON job_execution FOR EACH ROW"
                        + " INSERT INTO test_order (kind, node_id, token) SELECT 'COMMIT', NEW.node_id,"
                        + " NEW.fencing_token FROM DUAL WHERE OLD.outcome = 'RUNNING' AND NEW.outcome <> 'RUNNING'");
    }

    private static List<String> postgres() {
        return List.of(
                "DROP TABLE IF EXISTS test_order",
                "CREATE TABLE test_order (seq BIGSERIAL PRIMARY KEY,"
                        + " kind VARCHAR(8) NOT NULL, node_id VARCHAR(100) NOT NULL, token BIGINT NULL,"
                        + " moment TIMESTAMP(3) NULL)",
                "CREATE OR REPLACE FUNCTION test_order_begin() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " INSERT INTO test_order (kind, node_id, token) VALUES ('BEGIN', NEW.node_id, NEW.id);"
                        + " RETURN NULL; END $$",
                "CREATE OR REPLACE FUNCTION test_order_fence() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " INSERT INTO test_order (kind, node_id, moment) VALUES ('FENCE', NEW.node_id, NEW.fenced_at);"
                        + " RETURN NULL; END $$",
                "CREATE OR REPLACE FUNCTION test_order_whole() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " INSERT INTO test_order (kind, node_id, token, moment) VALUES ('COMMIT', NEW.node_id,"
                        + " NEW.fencing_token, NEW.started_at); RETURN NULL; END $$",
                "CREATE OR REPLACE FUNCTION test_order_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " INSERT INTO test_order (kind, node_id, token) VALUES ('COMMIT', NEW.node_id,"
                        + " NEW.fencing_token); RETURN NULL; END $$",
                "CREATE TRIGGER test_order_begin AFTER INSERT ON fire_attempt FOR EACH ROW"
                        + " EXECUTE FUNCTION test_order_begin()",
                "CREATE TRIGGER test_order_fence AFTER UPDATE ON scheduler_node FOR EACH ROW"
                        + " WHEN (NEW.state = 'FENCED' AND OLD.state <> 'FENCED') EXECUTE FUNCTION test_order_fence()",
                // Deferred: runs (and draws its number) when the fire's transaction commits.
                "CREATE CONSTRAINT TRIGGER test_order_commit AFTER UPDATE ON job_execution"
                        + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW"
                        + " WHEN (OLD.outcome = 'RUNNING' AND NEW.outcome <> 'RUNNING')"
                        + " EXECUTE FUNCTION test_order_commit()",
                "CREATE CONSTRAINT TRIGGER test_order_whole AFTER INSERT ON job_execution"
                        + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.outcome <> 'RUNNING')"
                        + " EXECUTE FUNCTION test_order_whole()");
    }

    /**
     * Every fire that an attempt of a node started before that node was fenced and that committed
     * after the fencing: all rows, no page limit. Empty when fencing holds.
     */
    public List<Map<String, Object>> committedAfterFencing() {
        return Jdbi.create(dataSource)
                .withHandle(h -> h.createQuery("SELECT f.node_id, f.seq AS fenced, b.seq AS began, c.seq AS committed,"
                                + " c.token FROM test_order f"
                                + " JOIN test_order b ON b.kind = 'BEGIN' AND b.node_id = f.node_id AND b.seq < f.seq"
                                + " JOIN test_order c ON c.kind = 'COMMIT' AND c.token = b.token AND c.seq > f.seq"
                                + " WHERE f.kind = 'FENCE'"
                                // a fire with no attempt on record: begun (claimed) before the fencing
                                + " UNION ALL SELECT f.node_id, f.seq, NULL, c.seq, c.token FROM test_order f"
                                + " JOIN test_order c ON c.kind = 'COMMIT' AND c.token = 0 AND c.node_id = f.node_id"
                                + " AND c.seq > f.seq AND c.moment < f.moment"
                                + " WHERE f.kind = 'FENCE' ORDER BY 4")
                        .mapToMap()
                        .list());
    }

    /** How many moments of {@code kind} (BEGIN, FENCE, COMMIT) were drawn: proves the triggers ran. */
    public int count(String kind) {
        return Jdbi.create(dataSource)
                .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM test_order WHERE kind = :kind")
                        .bind("kind", kind)
                        .mapTo(Integer.class)
                        .one());
    }

    private void drop() {
        TestDatabase.execute(
                dataSource,
                List.of(
                        "DROP TRIGGER IF EXISTS test_order_begin" + on("fire_attempt"),
                        "DROP TRIGGER IF EXISTS test_order_fence" + on("scheduler_node"),
                        "DROP TRIGGER IF EXISTS test_order_commit" + on("job_execution"),
                        "DROP TRIGGER IF EXISTS test_order_whole" + on("job_execution")));
    }

    private String on(String table) {
        return database.name().equals("postgresql") ? " ON " + table : "";
    }

    @Override
    public void close() {
        drop();
    }
}
