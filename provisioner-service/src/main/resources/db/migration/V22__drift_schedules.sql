-- Per-job reconciliation schedules (issue 22), off unless an administrator sets one: every so long, or daily at a
-- time (UTC), a reconciliation in report or repair mode with its policies. next_run_at is claimed atomically, so
-- that one instance of the provisioner starts each scheduled run.
create table drift_schedule (
    job_id      uuid        primary key references provisioning_job (id) on delete cascade,
    enabled     boolean     not null default false,
    every       text,
    daily_at    text,
    mode        text        not null,
    policies    jsonb       not null,
    next_run_at timestamptz,
    last_run_at timestamptz,
    updated_at  timestamptz not null default now()
);
create index drift_schedule_due on drift_schedule (next_run_at) where enabled;
