SELECT * FROM <prefix>job_execution <where>
 ORDER BY fire_time DESC, id DESC
 LIMIT :limit OFFSET :offset
