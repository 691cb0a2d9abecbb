-- tryLock: never wait for a node that is busy with this job; its row lock is the proof.
<causal>SELECT j.*, <now> AS db_now, <session_id> AS session_id
  FROM <prefix>lock_cron j
 WHERE j.lock_name = :name
   FOR UPDATE SKIP LOCKED
