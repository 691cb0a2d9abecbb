-- One small batch; the caller repeats until nothing is left. MySQL has no LIMIT in IN subqueries.
DELETE FROM <prefix><table> WHERE <time_column> < :before ORDER BY id LIMIT :batch
