-- Private groups (issue 14, L8): joining one needs its owner's approval, so its
-- members-only posts are read by the people the owner let in. Open groups are as before.
ALTER TABLE groups ADD COLUMN private boolean NOT NULL DEFAULT false;

CREATE TABLE group_join_requests (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    group_id uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined')),
    created_at timestamptz NOT NULL DEFAULT now(),
    decided_at timestamptz,
    UNIQUE (group_id, user_id)
);

-- Whether the caller owns the group (definer: reads groups.created_by, which every
-- signed-in user may read anyway).
CREATE FUNCTION pam_owns_group(gid uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$ SELECT EXISTS (SELECT 1 FROM groups WHERE id = gid AND created_by = pam_user_id()) $$;

CREATE FUNCTION pam_group_is_private(gid uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$ SELECT coalesce((SELECT private FROM groups WHERE id = gid), false) $$;

-- A request is seen by who asked and by the group's owner; only the asker files one
-- (for a private group), only the owner decides it.
ALTER TABLE group_join_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE group_join_requests FORCE ROW LEVEL SECURITY;
CREATE POLICY join_requests_read ON group_join_requests FOR SELECT
    USING (user_id = pam_user_id() OR pam_owns_group(group_id));
CREATE POLICY join_requests_file ON group_join_requests FOR INSERT
    WITH CHECK (user_id = pam_user_id() AND pam_group_is_private(group_id));
CREATE POLICY join_requests_decide ON group_join_requests FOR UPDATE
    USING (pam_owns_group(group_id)) WITH CHECK (pam_owns_group(group_id));
GRANT SELECT, INSERT, UPDATE ON group_join_requests TO pam_app;

-- Memberships: your own, as before — but a private group's only through its owner (the
-- creator's own first membership) or an approved request.
DROP POLICY own_memberships ON group_members;
CREATE POLICY own_memberships_read ON group_members FOR SELECT USING (user_id = pam_user_id());
CREATE POLICY own_memberships_leave ON group_members FOR DELETE USING (user_id = pam_user_id());
CREATE POLICY own_memberships_join ON group_members FOR INSERT WITH CHECK (
    user_id = pam_user_id()
    AND (NOT pam_group_is_private(group_id) OR pam_owns_group(group_id)));

-- The owner lets a requester in: the request approved and the membership made, in one
-- statement the owner may run for exactly their own groups' pending requests.
CREATE FUNCTION pam_approve_join_request(rid uuid) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
DECLARE
    req group_join_requests%ROWTYPE;
BEGIN
    SELECT r.* INTO req FROM group_join_requests r JOIN groups g ON g.id = r.group_id
        WHERE r.id = rid AND g.created_by = pam_user_id() AND r.status = 'pending'
        FOR UPDATE OF r;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    UPDATE group_join_requests SET status = 'approved', decided_at = now() WHERE id = rid;
    INSERT INTO group_members (group_id, user_id) VALUES (req.group_id, req.user_id)
        ON CONFLICT (group_id, user_id) DO NOTHING;
    RETURN req.group_id;
END
$$;
REVOKE ALL ON FUNCTION pam_approve_join_request(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pam_approve_join_request(uuid) TO pam_app;
