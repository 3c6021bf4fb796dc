-- Row-level security on every user-owned table, ENABLEd and FORCEd so that even the
-- table owner is bound when it is not a superuser. Policies are written against
-- pam_user_id(), which is NULL outside a scoped transaction: no user, no rows.

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY[
        'profiles', 'vehicles', 'expenses', 'incomes', 'budgets', 'fuel_logs',
        'maintenance', 'trips', 'trip_stops', 'events', 'tasks', 'pantry_items',
        'shopping_list_items', 'memories', 'chat_threads'
    ] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY own_rows ON %I USING (user_id = pam_user_id()) '
            'WITH CHECK (user_id = pam_user_id())', t);
    END LOOP;
END
$$;

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY own_user ON users USING (id = pam_user_id()) WITH CHECK (id = pam_user_id());

-- Places: your own, plus those other travellers chose to share; writes only your own.
ALTER TABLE places ENABLE ROW LEVEL SECURITY;
ALTER TABLE places FORCE ROW LEVEL SECURITY;
CREATE POLICY places_read ON places FOR SELECT
    USING (user_id = pam_user_id() OR (shared AND pam_user_id() IS NOT NULL));
CREATE POLICY places_insert ON places FOR INSERT WITH CHECK (user_id = pam_user_id());
CREATE POLICY places_update ON places FOR UPDATE
    USING (user_id = pam_user_id()) WITH CHECK (user_id = pam_user_id());
CREATE POLICY places_delete ON places FOR DELETE USING (user_id = pam_user_id());

-- Groups: any signed-in user sees them; only the creator changes them.
ALTER TABLE groups ENABLE ROW LEVEL SECURITY;
ALTER TABLE groups FORCE ROW LEVEL SECURITY;
CREATE POLICY groups_read ON groups FOR SELECT USING (pam_user_id() IS NOT NULL);
CREATE POLICY groups_insert ON groups FOR INSERT WITH CHECK (created_by = pam_user_id());
CREATE POLICY groups_update ON groups FOR UPDATE
    USING (created_by = pam_user_id()) WITH CHECK (created_by = pam_user_id());
CREATE POLICY groups_delete ON groups FOR DELETE USING (created_by = pam_user_id());

-- Memberships: a user sees and changes only their own. (Counting a group's members
-- is done by pam_group_member_count, below, which reveals a number, not who.)
ALTER TABLE group_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE group_members FORCE ROW LEVEL SECURITY;
CREATE POLICY own_memberships ON group_members
    USING (user_id = pam_user_id()) WITH CHECK (user_id = pam_user_id());

-- Reads only the caller's own membership rows, so it needs no privilege beyond RLS.
CREATE FUNCTION pam_is_member(gid uuid) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$ SELECT EXISTS (
        SELECT 1 FROM group_members WHERE group_id = gid AND user_id = pam_user_id()) $$;

CREATE FUNCTION pam_group_member_count(gid uuid) RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$ SELECT count(*) FROM group_members WHERE group_id = gid $$;

-- Posts: public ones for everyone signed in, group ones for members, your own always;
-- only the author writes, and a group post needs membership.
ALTER TABLE posts ENABLE ROW LEVEL SECURITY;
ALTER TABLE posts FORCE ROW LEVEL SECURITY;
CREATE POLICY posts_read ON posts FOR SELECT USING (
    user_id = pam_user_id()
    OR (visibility = 'public' AND pam_user_id() IS NOT NULL)
    OR (group_id IS NOT NULL AND pam_is_member(group_id)));
CREATE POLICY posts_insert ON posts FOR INSERT WITH CHECK (
    user_id = pam_user_id() AND (group_id IS NULL OR pam_is_member(group_id)));
CREATE POLICY posts_update ON posts FOR UPDATE
    USING (user_id = pam_user_id()) WITH CHECK (user_id = pam_user_id());
CREATE POLICY posts_delete ON posts FOR DELETE USING (user_id = pam_user_id());

-- Comments and likes: visible with the post they hang on (the subquery is itself bound
-- by the posts policy); written only by their author, and only on a visible post.
ALTER TABLE comments ENABLE ROW LEVEL SECURITY;
ALTER TABLE comments FORCE ROW LEVEL SECURITY;
CREATE POLICY comments_read ON comments FOR SELECT
    USING (EXISTS (SELECT 1 FROM posts p WHERE p.id = post_id));
CREATE POLICY comments_insert ON comments FOR INSERT WITH CHECK (
    user_id = pam_user_id() AND EXISTS (SELECT 1 FROM posts p WHERE p.id = post_id));
CREATE POLICY comments_update ON comments FOR UPDATE
    USING (user_id = pam_user_id()) WITH CHECK (user_id = pam_user_id());
CREATE POLICY comments_delete ON comments FOR DELETE USING (user_id = pam_user_id());

ALTER TABLE post_likes ENABLE ROW LEVEL SECURITY;
ALTER TABLE post_likes FORCE ROW LEVEL SECURITY;
CREATE POLICY likes_read ON post_likes FOR SELECT
    USING (EXISTS (SELECT 1 FROM posts p WHERE p.id = post_id));
CREATE POLICY likes_insert ON post_likes FOR INSERT WITH CHECK (
    user_id = pam_user_id() AND EXISTS (SELECT 1 FROM posts p WHERE p.id = post_id));
CREATE POLICY likes_delete ON post_likes FOR DELETE USING (user_id = pam_user_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON
    users, profiles, vehicles, expenses, incomes, budgets, fuel_logs, maintenance, trips,
    trip_stops, places, events, tasks, pantry_items, shopping_list_items, memories, groups,
    group_members, posts, comments, post_likes, chat_threads
    TO pam_app;
