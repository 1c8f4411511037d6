-- Each page of users keeps 15 % free for the next versions of its rows. A user's change writes a new version of the
-- row; with room on the same page, PostgreSQL writes it there without new entries in the table's three indexes (a
-- heap-only tuple), where a full page sends it elsewhere and every index gets one. In the whole-stack benchmark's
-- change phase only 38 % of the user updates found such room. Applies to pages written from now on.
alter table app_user set (fillfactor = 85);
