SELECT * FROM <prefix>audit_event ORDER BY at DESC, id DESC LIMIT :limit
