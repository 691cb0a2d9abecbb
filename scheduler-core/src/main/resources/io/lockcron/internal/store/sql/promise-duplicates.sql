-- Fires recorded twice: the unique key forbids them, so this must find none.
SELECT job_name, COUNT(*) AS n
  FROM (SELECT job_name, fire_time FROM <prefix>job_execution
         WHERE fire_time >= :from AND fire_time < :to <where>
         GROUP BY job_name, fire_time HAVING COUNT(*) > 1) twice
 GROUP BY job_name
