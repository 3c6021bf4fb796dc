-- pam_group_member_count and pam_approve_join_request are SECURITY DEFINER: they run as
-- the role that made them (the migrating role) to read every membership and to admit an
-- approved requester. group_members has FORCE ROW LEVEL SECURITY, so that worked only
-- when the role is a superuser, which bypasses the policies. Migrated by the database's
-- owner without superuser (managed Postgres: RDS, Cloud SQL, Supabase's `postgres`), the
-- count saw the caller's own membership only (an open group of two showed "0 members" to
-- others) and every approval failed on the membership insert's policy, a 500 (try15).
-- As for the service's own tables (0017, 0018): the service's role may, pam_app (every
-- user-scoped query) may not.
CREATE POLICY service_reads_memberships ON group_members FOR SELECT
    USING (current_user <> 'pam_app');
CREATE POLICY service_admits_members ON group_members FOR INSERT
    WITH CHECK (current_user <> 'pam_app');
