-- Pages of links and of users' recorded scopes keep 15 % free for the next versions of their rows. Every change of a
-- provisioned user updates its link (source version, display name, scope) and its scope; with room on the same page,
-- PostgreSQL writes the new version there without new index entries (a heap-only tuple), where a full page sends it
-- elsewhere and every index gets one. In the whole-stack benchmark's change phase 57 % of the link updates found such
-- room. Applies to pages written from now on.
alter table object_link set (fillfactor = 85);
alter table membership_user_scope set (fillfactor = 85);
