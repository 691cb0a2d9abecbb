-- Claims the earliest due scheduled fire no other transaction holds: nodes that drain the due list
-- this way take different rows and never spend a lock attempt on a fire another node has.
-- <exclude> leaves out the rows of other services' handlers.
SELECT j.*, <now> AS db_now, <session_id> AS session_id
  FROM <prefix>lock_cron j
 WHERE j.status = 'IDLE' AND j.due_time <= <now> <exclude>
 ORDER BY j.due_time
 LIMIT 1
   FOR UPDATE SKIP LOCKED
