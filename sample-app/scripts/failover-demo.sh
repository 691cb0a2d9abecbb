#!/usr/bin/env bash
# Watch a failover: three nodes of the billing sample on MariaDB/MySQL, one killed (SIGKILL) in the
# middle of the invoicing job, and what the other two did about it, read from lockcron's tables.
#
# Needs: Java 17+, a MariaDB 10.6+ or MySQL 8 server on 127.0.0.1:3306 (user root, no password, or
# set LOCKCRON_SAMPLE_DB_USER / LOCKCRON_SAMPLE_DB_PASSWORD) and the mysql client. It uses, and
# empties, only the database lockcron_sample.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DB=lockcron_sample
DB_USER="${LOCKCRON_SAMPLE_DB_USER:-root}"
DB_PASSWORD="${LOCKCRON_SAMPLE_DB_PASSWORD:-}"
JAR="$ROOT/sample-app/target/lockcron-sample.jar"
LOGS="$ROOT/sample-app/target/failover-demo"
PORTS=(18081 18082 18083)
PIDS=()

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
sql() { MYSQL_PWD="$DB_PASSWORD" mysql -h127.0.0.1 -u"$DB_USER" "$@"; }
q() { sql -N -B "$DB" -e "$1"; }
table() { sql -t "$DB" -e "$1"; }

cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

say "checking the database"
if ! sql -e "SELECT 1" >/dev/null 2>&1; then
  echo "Cannot reach MariaDB/MySQL on 127.0.0.1:3306 as '$DB_USER'. Start it, or set LOCKCRON_SAMPLE_DB_USER and LOCKCRON_SAMPLE_DB_PASSWORD." >&2
  exit 1
fi
sql -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB"
sql "$DB" < "$ROOT/sql/mysql/schema.sql" # what you would run in production
echo "database $DB re-created with sql/mysql/schema.sql"

say "building the sample"
(cd "$ROOT" && ./mvnw -q -B -pl sample-app -am package -DskipTests -Dspotless.check.skip=true)

mkdir -p "$LOGS"
start_node() {
  local n=$1
  java -Xmx256m -jar "$JAR" --spring.profiles.active=mysql --server.port="${PORTS[$((n - 1))]}" \
    --lockcron.node-id="node-$n" >"$LOGS/node-$n.log" 2>&1 &
  PIDS+=($!)
}
await_up() {
  local n=$1
  for _ in $(seq 120); do
    curl -fs "http://127.0.0.1:${PORTS[$((n - 1))]}/actuator/health" >/dev/null 2>&1 && return
    sleep 1
  done
  echo "node-$n did not come up; see $LOGS/node-$n.log" >&2
  exit 1
}

say "starting node-1, then node-2 and node-3"
start_node 1 && await_up 1
start_node 2 && start_node 3 && await_up 2 && await_up 3
table "SELECT node_id, pid, state FROM scheduler_node ORDER BY node_id"

say "waiting for a node to be in the middle of the invoicing job (every 20 s, about 7 s long)"
victim=""
for _ in $(seq 120); do
  victim=$(q "SELECT node_id, DATE_FORMAT(fire_time, '%Y-%m-%d %H:%i:%s.%f'), DATE_FORMAT(fire_time, '%Y-%m-%dT%H:%i:%sZ') FROM fire_attempt WHERE job_name = 'invoicing' AND outcome = 'RUNNING' LIMIT 1")
  [ -n "$victim" ] && break
  sleep 0.5
done
[ -n "$victim" ] || { echo "no invoicing fire started within a minute; see $LOGS" >&2; exit 1; }
sleep 2 # well inside the job: some invoices are written (uncommitted) already
node=$(cut -f1 <<<"$victim")
fire=$(cut -f2 <<<"$victim")
period=$(cut -f3 <<<"$victim")
pid=$(q "SELECT pid FROM scheduler_node WHERE node_id = '$node'")
echo "$node (pid $pid) is running the invoicing fire of $fire; committed invoices of this run so far: $(q "SELECT COUNT(*) FROM invoice WHERE period = '$period'")"
kill -KILL "$pid"
echo "killed $node with SIGKILL"

say "waiting for another node to take the fire over"
for _ in $(seq 60); do
  done_by=$(q "SELECT node_id FROM job_execution WHERE job_name = 'invoicing' AND fire_time = '$fire' AND outcome = 'SUCCEEDED'")
  [ -n "$done_by" ] && break
  sleep 1
done
[ -n "${done_by:-}" ] || { echo "nobody finished the fire within a minute; see $LOGS" >&2; exit 1; }

say "failover_event: who lost which fire, who took it over, how long it took"
table "SELECT job_name, fire_time, from_node, to_node, reason, lost_attempt, takeover_delay_ms FROM failover_event"
say "job_execution of the killed fire: one execution, attempt 2, by a survivor"
table "SELECT job_name, fire_time, node_id, attempt, outcome, started_at, finished_at FROM job_execution WHERE job_name = 'invoicing' AND fire_time = '$fire'"
say "fire_attempt of the killed fire: the lost attempt and the one that committed"
table "SELECT attempt, node_id, outcome, started_at, finished_at FROM fire_attempt WHERE job_name = 'invoicing' AND fire_time = '$fire' ORDER BY attempt"
say "exactly once: invoices per billing run (5 customers each), and the balances they add up to"
table "SELECT period, COUNT(*) AS invoices, COUNT(DISTINCT customer_id) AS customers, MIN(node_id) AS node FROM invoice GROUP BY period ORDER BY period"
table "SELECT (SELECT SUM(balance_cents) FROM customer) AS balances_cents, (SELECT SUM(amount_cents) FROM invoice) AS invoiced_cents"
say "all executions so far, per job and node"
table "SELECT job_name, node_id, outcome, COUNT(*) AS executions, MAX(attempt) AS max_attempt FROM job_execution GROUP BY job_name, node_id, outcome ORDER BY job_name, node_id, outcome"

say "stopping the remaining nodes (logs in $LOGS)"
