-- The directory: users, groups, applications with app roles, and app-role assignments.

create table app_user (
    id                    uuid primary key,
    user_principal_name   text        not null,
    mail                  text,
    mail_nickname         text,
    given_name            text,
    surname               text,
    display_name          text        not null,
    job_title             text,
    department            text,
    company_name          text,
    employee_id           text,
    employee_type         text,
    office_location       text,
    city                  text,
    country               text,
    usage_location        text,
    mobile_phone          text,
    business_phones       jsonb       not null default '[]',
    preferred_language    text,
    account_enabled       boolean     not null default true,
    manager_id            uuid references app_user (id) on delete set null,
    extension_attributes  jsonb       not null default '{}',
    created_date_time     timestamptz not null,
    modified_date_time    timestamptz not null,
    deleted_date_time     timestamptz,
    row_version           bigint      not null default 1
);
create unique index app_user_upn_unique on app_user (lower(user_principal_name));
create index app_user_manager on app_user (manager_id);

create table app_group (
    id                  uuid primary key,
    display_name        text        not null,
    mail_nickname       text,
    description         text,
    security_enabled    boolean     not null default true,
    created_date_time   timestamptz not null,
    modified_date_time  timestamptz not null,
    row_version         bigint      not null default 1
);

-- Direct members only; a member is a user or a group (nested groups are stored, never expanded).
create table group_member (
    group_id     uuid not null references app_group (id) on delete cascade,
    member_id    uuid not null,
    member_type  text not null check (member_type in ('USER', 'GROUP')),
    primary key (group_id, member_id)
);
create index group_member_member on group_member (member_id);

create table application (
    id                  uuid primary key,
    display_name        text        not null,
    publish_unassigned  boolean     not null default true,
    created_date_time   timestamptz not null,
    modified_date_time  timestamptz not null,
    row_version         bigint      not null default 1
);

create table app_role (
    id              uuid primary key,
    application_id  uuid not null references application (id) on delete cascade,
    value           text,
    display_name    text not null,
    description     text,
    is_default      boolean not null default false
);
create unique index app_role_value_unique on app_role (application_id, value);

create table app_role_assignment (
    id                 uuid primary key,
    application_id     uuid        not null references application (id) on delete cascade,
    app_role_id        uuid        not null references app_role (id),
    principal_id       uuid        not null,
    principal_type     text        not null check (principal_type in ('USER', 'GROUP')),
    created_date_time  timestamptz not null,
    unique (application_id, principal_id, app_role_id)
);
create index app_role_assignment_principal on app_role_assignment (principal_id);

-- The event version of every user and group ever seen: it outlives the object so a deletion event is newer still.
create table object_version (
    object_id  uuid primary key,
    version    bigint not null
);
