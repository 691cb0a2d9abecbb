UPDATE <prefix>lock_cron
   SET trigger_type = :triggerType, trigger_value = :triggerValue, zone_id = :zone,
       next_fire_time = :nextFireTime, due_time = :nextFireTime, failed_attempts = 0,
       status = CASE WHEN status = 'COMPLETED' THEN 'IDLE' ELSE status END,
       schedule_source = 'CLIENT', definition_version = definition_version + 1, updated_at = <now>
 WHERE lock_name = :name
