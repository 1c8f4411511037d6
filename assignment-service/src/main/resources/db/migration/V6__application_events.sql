-- Each outbox row names the topic it is relayed to, by its role: 'assignments' (the assignment topic,
-- scimitar.assignment.kafka.topic) or 'applications' (the application topic, scimitar.assignment.kafka.application-topic).
-- The relay resolves the configured topic name at send time, so a renamed topic needs no data change.
alter table outbox add column topic text not null default 'assignments'
    constraint outbox_topic_known check (topic in ('assignments', 'applications'));
alter table outbox_dead_letter add column topic text not null default 'assignments';

-- Backfill: one application.state event for every application that exists, so that a provisioner upgraded with this
-- version learns the applications created before the application topic existed. Versions come from object_version,
-- as the service's own application events take theirs.
with versions as (
    insert into object_version (object_id, version)
    select id, 1 from application
    on conflict (object_id) do update set version = object_version.version + 1
    returning object_id, version
)
insert into outbox (topic, event_key, event_type, payload)
select 'applications', a.id::text, 'application.state',
       json_build_object('type', 'application.state', 'schemaVersion', 1, 'eventId', gen_random_uuid(),
                         'occurredAt', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                         'applicationId', a.id::text, 'version', v.version, 'cause', 'BACKFILL',
                         'displayName', a.display_name)::text
from application a join versions v on v.object_id = a.id
order by a.id;
