-- Group membership in the target is decided from the current state (membership/MembershipRule). A row now stays
-- while the target group holds the member even after the member left the source group (source_member false), so
-- that the removal is sent and retried until done; and each user's scope is kept, since a disabled user in scope and
-- an unassigned one have the same link state but not the same membership.
alter table group_membership add column source_member boolean not null default true;

create table membership_user_scope (
    job_id   uuid    not null references provisioning_job (id) on delete cascade,
    user_id  text    not null,
    in_scope boolean not null,
    primary key (job_id, user_id)
);
