DELETE FROM <prefix>job_registration WHERE node_id = :node
