-- Groups are soft-deleted like users: restorable until deleted for good.
alter table app_group add column deleted_date_time timestamptz;
