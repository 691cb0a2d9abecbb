INSERT INTO <prefix>job_registration (node_id, job_name, registered_at) VALUES (:node, :job, <now>)
