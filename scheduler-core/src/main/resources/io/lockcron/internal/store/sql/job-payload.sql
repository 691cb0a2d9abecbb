SELECT payload FROM <prefix>lock_cron WHERE lock_name = :name
