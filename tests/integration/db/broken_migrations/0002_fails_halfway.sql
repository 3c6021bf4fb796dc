CREATE TABLE half_table (id integer PRIMARY KEY);
INSERT INTO half_table VALUES (1);
SELECT 1 / 0;
