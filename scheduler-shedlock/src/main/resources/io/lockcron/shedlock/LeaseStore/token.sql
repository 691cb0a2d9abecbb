SELECT fencing_token FROM <prefix>lock_cron WHERE lock_name = :name
