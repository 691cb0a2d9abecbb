SELECT lock_name, created_at FROM <prefix>lock_cron
