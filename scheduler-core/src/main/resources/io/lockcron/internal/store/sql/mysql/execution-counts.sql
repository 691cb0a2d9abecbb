SELECT CAST(DATE_FORMAT(started_at, '%Y-%m-%d %H:%i:00') AS DATETIME) AS bucket, outcome, COUNT(*) AS n
  FROM <prefix>job_execution
 WHERE started_at >= :since
 GROUP BY CAST(DATE_FORMAT(started_at, '%Y-%m-%d %H:%i:00') AS DATETIME), outcome
 ORDER BY bucket
