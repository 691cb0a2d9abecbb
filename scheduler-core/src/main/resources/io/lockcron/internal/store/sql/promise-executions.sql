-- The executions of a range, by job and fire time; the caller reads at most :limit (and says so if there are more).
SELECT job_name, fire_time, fire_kind, outcome, started_at
  FROM <prefix>job_execution
 WHERE fire_time >= :from AND fire_time < :to <where>
 ORDER BY job_name, fire_time
 LIMIT :limit
