-- Recorded without touching the job's row, so it never waits for a fire that holds that row.
INSERT INTO <prefix>job_request (job_name, action, trigger_type, trigger_value, zone_id, requested_by, audited, via,
                                 requested_at)
VALUES (:job, :action, :triggerType, :triggerValue, :zone, :by, :audited, :via, <now>)
