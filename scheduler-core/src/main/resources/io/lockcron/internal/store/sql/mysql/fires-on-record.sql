-- MySQL and MariaDB: as ../fires-on-record.sql.
-- Of rows this transaction has just locked, those with an attempt on record for their next fire or a
-- later one (a misfire planned to run now): read in
-- a statement of its own, whose snapshot is taken after the locks were. The claim's own read of this
-- may be older than an attempt committed the moment before its lock was granted (PostgreSQL and H2
-- read a statement's subqueries as of its start), such as the attempt of a fire that left its batch
-- to run alone and is locking its row again.
SELECT j.lock_name
  FROM <prefix>lock_cron j
 WHERE j.lock_name IN (<names>)
   -- the job's latest attempt, one backward read of its key (see lock-next-due.sql here)
   AND (SELECT a.fire_time FROM <prefix>fire_attempt a WHERE a.job_name = j.lock_name
         ORDER BY a.fire_time DESC LIMIT 1) >= j.next_fire_time
