INSERT INTO <prefix>audit_event (at, actor, action, job_name, detail) VALUES (<now>, :actor, :action, :job, :detail)
