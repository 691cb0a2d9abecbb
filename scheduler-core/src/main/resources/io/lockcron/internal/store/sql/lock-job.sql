-- tryLock: never wait for a node that is busy with this job; its row lock is the proof.
<causal>SELECT j.*, <now> AS db_now, <session_id> AS session_id,
       -- requests recorded while a fire held the row: applied before this claim plans a fire
       EXISTS (SELECT 1 FROM <prefix>job_request r
                WHERE r.applied_at IS NULL AND r.job_name = j.lock_name) AS requests_pending
  FROM <prefix>lock_cron j
 WHERE j.lock_name = :name
   FOR UPDATE SKIP LOCKED
