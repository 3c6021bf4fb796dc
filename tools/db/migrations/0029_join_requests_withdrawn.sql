-- Who asked to join a private group may take the request back while it waits: before,
-- nothing could, and a request once filed stayed until the owner decided it. A decided
-- request stays (the owner's record of who they let in or turned away).
CREATE POLICY join_requests_withdraw ON group_join_requests FOR DELETE
    USING (user_id = pam_user_id() AND status = 'pending');
GRANT DELETE ON group_join_requests TO pam_app;
