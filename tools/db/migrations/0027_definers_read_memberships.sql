-- pam_group_member_count and pam_approve_join_request are SECURITY DEFINER: they run as
-- the role that made them (the migrating role) to read every membership and to admit an
-- approved requester. group_members has FORCE ROW LEVEL SECURITY, so that works only when
-- the role is a superuser, which bypasses the policies. Migrated by the database's owner
-- without superuser (managed Postgres: RDS, Cloud SQL, Supabase's `postgres`), the count
-- saw the caller's own membership only (an open group of two showed "0 members" to others)
-- and every approval failed on the membership insert's policy, a 500 (try15).
-- These policies let exactly that role, the functions' owner, read memberships and
-- insert them; user-scoped queries run as pam_app and never match them.
DO $$
DECLARE
    owner_role name;
BEGIN
    SELECT pg_get_userbyid(proowner) INTO owner_role
        FROM pg_proc WHERE proname = 'pam_approve_join_request';
    EXECUTE format(
        'CREATE POLICY definer_reads_memberships ON group_members FOR SELECT TO %I USING (true)',
        owner_role);
    EXECUTE format(
        'CREATE POLICY definer_admits_members ON group_members FOR INSERT TO %I WITH CHECK (true)',
        owner_role);
END
$$;
