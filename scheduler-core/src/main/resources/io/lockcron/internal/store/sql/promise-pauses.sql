-- Audited pauses, resumes and schedule changes before the range's end, oldest first.
SELECT job_name, action, at
  FROM <prefix>audit_event
 WHERE action IN ('PAUSE', 'RESUME', 'RESCHEDULE') AND at < :to AND job_name IS NOT NULL <where>
 ORDER BY at, id
 LIMIT :limit
