-- Outbox rows the broker refused for good (too large, invalid): moved here by the relay, in its transaction, so that
-- no single row can hold up the rows behind it. An admin reads, retries or discards them through the API.
create table outbox_dead_letter (
    id             bigint      primary key,           -- the outbox row's id
    event_key      text        not null,
    event_type     text        not null,
    payload        text        not null,
    created_at     timestamptz not null,              -- when the outbox row was written
    reason         text        not null,              -- why the broker or the producer refused it, in words
    failed_at      timestamptz not null default now(),
    superseded_by  bigint                              -- a later outbox row of the same key the relay published
);

create index outbox_dead_letter_key on outbox_dead_letter (event_key);
