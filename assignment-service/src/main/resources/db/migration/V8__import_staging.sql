-- Staging of the COPY-based bulk import (importing.CopyImport): a chunk copies its rows here, merges them set-based
-- and deletes them again, all in its own transaction, so no other transaction ever sees a staging row. Unlogged:
-- nothing here needs to survive a crash.

create unlogged table import_assignment_stage (
    line               bigint  not null,
    application_id     uuid    not null,
    principal_id       uuid    not null,
    app_role_id        uuid,
    application_found  boolean,
    role_id            uuid,
    principal_type     text,
    assignment_id      uuid,
    created            boolean not null default false
);

-- The events a chunk publishes, one row per event, in outbox order (phase, k1, k2, k3, k4); version per object
create unlogged table import_event_stage (
    phase           int     not null,
    k1              bigint  not null,
    k2              uuid,
    k3              bigint  not null,
    k4              bigint  not null,
    kind            text    not null,
    object_id       uuid    not null,
    application_id  uuid    not null,
    cause           text,
    occurred_at     text    not null,
    snapshot_id     uuid,
    part            int,
    parts           int,
    rank            bigint  not null,
    version         bigint
);
