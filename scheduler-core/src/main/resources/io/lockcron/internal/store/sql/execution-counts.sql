SELECT DATE_TRUNC('MINUTE', started_at) AS bucket, outcome, COUNT(*) AS n
  FROM <prefix>job_execution
 WHERE started_at >= :since
 GROUP BY DATE_TRUNC('MINUTE', started_at), outcome
 ORDER BY bucket
