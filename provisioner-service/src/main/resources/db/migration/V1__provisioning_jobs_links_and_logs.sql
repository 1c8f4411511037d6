-- Provisioning jobs: an application, a SCIM target and how to provision it.
create table provisioning_job (
    id                          uuid primary key,
    application_id              text        not null,
    name                        text        not null,
    profile                     varchar(32) not null,
    tenant_url                  text        not null,
    secret_token                text,
    scope                       varchar(32) not null,
    status                      varchar(8)  not null,
    configuration               text        not null,
    notification_email          text,
    deletion_threshold          integer     not null,
    skip_out_of_scope_deletions boolean     not null,
    created_at                  timestamptz not null,
    updated_at                  timestamptz not null,
    version                     bigint      not null
);
create index provisioning_job_application on provisioning_job (application_id);

-- Links: which target object a source object is, and what we last exported to it.
create table object_link (
    job_id         uuid        not null references provisioning_job (id) on delete cascade,
    object_type    varchar(8)  not null,
    source_id      text        not null,
    target_id      text,
    state          varchar(16) not null,
    exported       jsonb       not null default '{}'::jsonb,
    source_version bigint      not null,
    display_name   text,
    updated_at     timestamptz not null,
    primary key (job_id, object_type, source_id)
);
create index object_link_target on object_link (job_id, object_type, target_id);

-- Direct members of the groups a job provisions, and whether the target team already has each of them.
create table group_membership (
    job_id    uuid    not null references provisioning_job (id) on delete cascade,
    group_id  text    not null,
    member_id text    not null,
    exported  boolean not null default false,
    primary key (job_id, group_id, member_id)
);
create index group_membership_member on group_membership (job_id, member_id);

-- Parts of a membership snapshot received so far; applied together once the last part is in.
create table membership_snapshot_part (
    job_id      uuid    not null references provisioning_job (id) on delete cascade,
    group_id    text    not null,
    snapshot_id uuid    not null,
    part        integer not null,
    parts       integer not null,
    members     jsonb   not null,
    primary key (job_id, group_id, snapshot_id, part)
);

-- The provisioning log: one entry per processed change, as Entra's provisioning logs.
create table provisioning_log (
    id                  bigserial primary key,
    job_id              uuid        not null,
    cycle_id            uuid        not null,
    change_id           uuid        not null,
    activity_time       timestamptz not null,
    duration_ms         integer     not null,
    action              varchar(16) not null,
    status              varchar(16) not null,
    object_type         varchar(8)  not null,
    source_id           text        not null,
    source_display      text,
    target_id           text,
    event_id            uuid,
    object_version      bigint,
    steps               jsonb       not null,
    modified_properties jsonb       not null,
    error_code          text,
    error_reason        text
);
create index provisioning_log_job_time on provisioning_log (job_id, activity_time desc);
create index provisioning_log_job_source on provisioning_log (job_id, source_id);
