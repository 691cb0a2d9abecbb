SELECT COUNT(*) FROM (
  SELECT j.*,
         (SELECT MAX(a.node_id) FROM <prefix>fire_attempt a
           WHERE a.job_name = j.lock_name AND a.outcome = 'RUNNING') AS running_on
    FROM <prefix>lock_cron j) j
 <where>
