-- Five customers, added once.
INSERT INTO customer (id, name, plan_cents, balance_cents) SELECT 1, 'Acme Corp', 4900, 0 FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM customer WHERE id = 1);
INSERT INTO customer (id, name, plan_cents, balance_cents) SELECT 2, 'Globex', 9900, 0 FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM customer WHERE id = 2);
INSERT INTO customer (id, name, plan_cents, balance_cents) SELECT 3, 'Initech', 1900, 0 FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM customer WHERE id = 3);
INSERT INTO customer (id, name, plan_cents, balance_cents) SELECT 4, 'Umbrella', 29900, 0 FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM customer WHERE id = 4);
INSERT INTO customer (id, name, plan_cents, balance_cents) SELECT 5, 'Hooli', 4900, 0 FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM customer WHERE id = 5);
