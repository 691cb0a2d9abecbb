SELECT n.*, <now> AS db_now FROM <prefix>scheduler_node n ORDER BY n.node_id
