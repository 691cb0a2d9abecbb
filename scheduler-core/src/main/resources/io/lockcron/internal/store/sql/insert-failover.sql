INSERT INTO <prefix>failover_event (job_name, fire_time, from_node, to_node, reason, lost_attempt,
                                    lost_started_at, detected_at, takeover_delay_ms)
VALUES (:job, :fireTime, :fromNode, :toNode, :reason, :lostAttempt, :lostStartedAt, :detectedAt, :delayMs)
