-- A job in quarantine: one row while it lasts, with the reason the administrator was told about.
create table job_quarantine (
    job_id          uuid        primary key references provisioning_job (id) on delete cascade,
    reason          text        not null,
    detail          text        not null,
    began_at        timestamptz not null,
    next_attempt    timestamptz not null,
    attempts        integer     not null,
    notified_reason text,
    notified_at     timestamptz
);

-- Escrow entries are retries (RETRY), disables and deletes held by the deletion guard (STAGED_DELETE), or held ones
-- an administrator allowed (RELEASED_DELETE), which go out without being counted again.
alter table escrow add column kind text not null default 'RETRY';
create index escrow_staged on escrow (job_id) where kind = 'STAGED_DELETE';
