-- No ORDER BY: with one, MariaDB's SKIP LOCKED came back empty while other due rows were free
-- (measured), so a node's drains ran one at a time. The (status, due_time) range scan stops at the
-- first due row it can lock, which is in due order anyway.
<causal>SELECT j.*, <now> AS db_now, <session_id> AS session_id,
       -- requests recorded while a fire held the row: applied before this claim plans a fire
       EXISTS (SELECT 1 FROM <prefix>job_request r
                WHERE r.applied_at IS NULL AND r.job_name = j.lock_name) AS requests_pending,
       -- a fire of the row from its next one on has an attempt or an execution on record already (a
       -- retry, a takeover, a fire another node committed, a misfire another node started): then its
       -- attempt goes on record before it runs
       -- (the latest fire on record of each, one backward read of its (job_name, fire_time) key: MySQL
       -- and MariaDB read an EXISTS with j.next_fire_time as its bound as a ref on job_name alone,
       -- every fire of the job on record, so each claim cost more the longer the job had run)
       (COALESCE((SELECT a.fire_time FROM <prefix>fire_attempt a WHERE a.job_name = j.lock_name
                   ORDER BY a.fire_time DESC LIMIT 1) >= j.next_fire_time, FALSE)
        OR COALESCE((SELECT e.fire_time FROM <prefix>job_execution e WHERE e.job_name = j.lock_name
                      ORDER BY e.fire_time DESC LIMIT 1) >= j.next_fire_time, FALSE)) AS fire_on_record
  FROM <prefix>lock_cron j
 WHERE j.status = 'IDLE' AND j.due_time <= <now> <exclude>
 LIMIT :limit
   FOR UPDATE SKIP LOCKED
