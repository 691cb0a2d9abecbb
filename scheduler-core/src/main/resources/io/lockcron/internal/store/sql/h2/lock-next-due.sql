-- H2 locks every row it reads before it sorts, so an ORDER BY here would lock the whole due list
-- for one claim; without it the scan stops at the first row it could lock.
SELECT j.*, <now> AS db_now, <session_id> AS session_id,
       -- requests recorded while a fire held the row: applied before this claim plans a fire
       EXISTS (SELECT 1 FROM <prefix>job_request r
                WHERE r.applied_at IS NULL AND r.job_name = j.lock_name) AS requests_pending,
       -- a fire of the row from its next one on has an attempt or an execution on record already (a
       -- retry, a takeover, a fire another node committed, a misfire another node started): then its
       -- attempt goes on record before it runs
       (EXISTS (SELECT 1 FROM <prefix>fire_attempt a
                 WHERE a.job_name = j.lock_name AND a.fire_time >= j.next_fire_time)
        OR EXISTS (SELECT 1 FROM <prefix>job_execution e
                    WHERE e.job_name = j.lock_name AND e.fire_time >= j.next_fire_time)) AS fire_on_record
  FROM <prefix>lock_cron j
 WHERE j.status = 'IDLE' AND j.due_time <= <now> <exclude>
 LIMIT :limit
   FOR UPDATE SKIP LOCKED
