-- In arrival order: conflicting requests (a pause, then a resume) are settled by it.
SELECT * FROM <prefix>job_request WHERE applied_at IS NULL AND job_name = :job ORDER BY id
