SELECT COUNT(*) FROM <prefix>job_execution <where>
