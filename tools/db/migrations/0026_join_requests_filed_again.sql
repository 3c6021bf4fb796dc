-- A private group's join request that its owner declined may be filed again by who asked
-- (join_group: "ask again"). Before, join_group re-filed with INSERT … ON CONFLICT DO
-- UPDATE, which Postgres checks against the UPDATE policies — the owner's only — so
-- asking again (after a decline, or while a request waited) failed as a 500 (try15).
-- The asker may put their own decided request back to pending, and nothing else: not
-- approve it, not move it to a group that is not private, not touch another's request.
CREATE POLICY join_requests_file_again ON group_join_requests FOR UPDATE
    USING (user_id = pam_user_id() AND status <> 'pending')
    WITH CHECK (
        user_id = pam_user_id()
        AND status = 'pending'
        AND decided_at IS NULL
        AND pam_group_is_private(group_id));
