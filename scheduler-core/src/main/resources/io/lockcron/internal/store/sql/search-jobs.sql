-- One page of jobs by name; <where> holds only fixed conditions on j, the values are bound.
SELECT * FROM (
  SELECT j.*,
         (SELECT MAX(a.node_id) FROM <prefix>fire_attempt a
           WHERE a.job_name = j.lock_name AND a.outcome = 'RUNNING') AS running_on
    FROM <prefix>lock_cron j) j
 <where>
 ORDER BY j.lock_name
 LIMIT :limit OFFSET :offset
