-- Reconciliations (issue 22): a job's target read and compared with what the directory says should be there. Each
-- run is kept with its progress and its differences, so that a report can be listed, read and downloaded later.
create table drift_reconciliation (
    id             uuid        primary key,
    job_id         uuid        not null references provisioning_job (id) on delete cascade,
    mode           text        not null,
    policies       jsonb       not null,
    triggered_by   text        not null,
    status         text        not null,
    phase          text,
    users_read     integer     not null default 0,
    groups_read    integer     not null default 0,
    found          jsonb       not null default '{}'::jsonb,
    repaired       jsonb       not null default '{}'::jsonb,
    detail         text,
    started_at     timestamptz not null default now(),
    finished_at    timestamptz
);
create index drift_reconciliation_job on drift_reconciliation (job_id, started_at desc);
-- One running reconciliation per job.
create unique index drift_reconciliation_running on drift_reconciliation (job_id) where status = 'RUNNING';

-- One difference: its kind (ATTRIBUTE, STATE, MISSING, ORPHAN, MEMBERSHIP), the object, the attribute or member,
-- what was expected and what the target held, and what repair did with it.
create table drift_difference (
    reconciliation_id uuid    not null references drift_reconciliation (id) on delete cascade,
    seq               integer not null,
    kind              text    not null,
    object_type       text    not null,
    source_id         text,
    target_id         text,
    display_name      text,
    attribute         text,
    expected          text,
    found             text,
    detail            text,
    outcome           text,
    primary key (reconciliation_id, seq)
);
