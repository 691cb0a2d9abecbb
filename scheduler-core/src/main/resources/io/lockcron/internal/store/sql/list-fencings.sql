SELECT * FROM <prefix>fencing_event ORDER BY fenced_at DESC, id DESC LIMIT :limit
