-- H2 locks every row it reads before it sorts, so an ORDER BY here would lock the whole due list
-- for one claim; without it the scan stops at the first row it could lock.
SELECT j.*, <now> AS db_now, <session_id> AS session_id
  FROM <prefix>lock_cron j
 WHERE j.status = 'IDLE' AND j.due_time <= <now> <exclude>
 LIMIT 1
   FOR UPDATE SKIP LOCKED
