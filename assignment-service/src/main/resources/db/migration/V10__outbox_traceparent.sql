-- The W3C traceparent of the request that wrote an outbox row: database.Transactions sets it for the transaction
-- (set_config(..., true)), so every statement that writes outbox rows carries it without naming the column; the relay
-- puts it in the Kafka record's headers. Null for rows written outside a traced request.
alter table outbox add column traceparent text default nullif(current_setting('scimitar.traceparent', true), '');
