UPDATE <prefix>job_request SET applied_at = :now, result = :result, detail = :detail
 WHERE id = :id AND applied_at IS NULL
