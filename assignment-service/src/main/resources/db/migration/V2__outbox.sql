-- Transactional outbox: written in the transaction of the change, relayed to Kafka in id order, deleted once acked.
create table outbox (
    id          bigserial primary key,
    event_key   text        not null,
    event_type  text        not null,
    payload     text        not null,
    created_at  timestamptz not null default now()
);

create function outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('scimitar_outbox', '');
    return null;
end;
$$;

-- One notification per statement, delivered at commit: wakes the relay within milliseconds.
create trigger outbox_inserted after insert on outbox for each statement execute function outbox_notify();
