-- The row of the file a customer was made from: with its batch, it names the row's
-- verdict, and it lets one INSERT of many rows say which rows it created.
-- Kept in step with ../sqlite/0011_customer_source_row.sql.
ALTER TABLE customers ADD COLUMN source_row INTEGER;
