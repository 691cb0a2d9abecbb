-- One small batch; the caller repeats until nothing is left, so no long lock is held.
DELETE FROM <prefix><table>
 WHERE id IN (SELECT id FROM (SELECT id FROM <prefix><table> WHERE <time_column> < :before ORDER BY id LIMIT :batch) batch)
