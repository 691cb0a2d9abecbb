SELECT * FROM <prefix>failover_event ORDER BY detected_at DESC, id DESC LIMIT :limit
