-- Agent Protocol resources kept as rows of the user who made them (issue 18 part B):
-- assistants with their versions, the store's items, and thread expiry times. Every
-- table is under RLS like chat_threads: a user reaches only their own rows.

-- An assistant: the graph with a saved config/context. The row holds the version in
-- force; each create/update adds a row to assistant_versions, and set_latest copies
-- one back. (The graph's default assistant is part of the code, not a row.)
CREATE TABLE assistants (
    id uuid PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    graph_id text NOT NULL CHECK (char_length(graph_id) BETWEEN 1 AND 200),
    name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    description text CHECK (char_length(description) <= 2000),
    config jsonb NOT NULL DEFAULT '{}'::jsonb,
    context jsonb NOT NULL DEFAULT '{}'::jsonb,
    metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assistants_user_updated ON assistants (user_id, updated_at DESC);

CREATE TABLE assistant_versions (
    assistant_id uuid NOT NULL REFERENCES assistants (id) ON DELETE CASCADE,
    version integer NOT NULL CHECK (version >= 1),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    graph_id text NOT NULL,
    name text NOT NULL,
    description text,
    config jsonb NOT NULL,
    context jsonb NOT NULL,
    metadata jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (assistant_id, version)
);

-- The store (BaseStore semantics): a value per (namespace, key). The namespace the
-- client sees is stored as given; the owner column, set by the server from the token,
-- is what separates users, so two users' identical namespaces never meet.
CREATE TABLE store_items (
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    namespace text[] NOT NULL CHECK (cardinality(namespace) BETWEEN 1 AND 20),
    key text NOT NULL CHECK (char_length(key) BETWEEN 1 AND 1000),
    value jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    ttl_minutes double precision CHECK (ttl_minutes > 0),  -- refreshed on read when asked
    expires_at timestamptz,
    PRIMARY KEY (user_id, namespace, key)
);
CREATE INDEX store_items_expiry ON store_items (expires_at) WHERE expires_at IS NOT NULL;

-- A thread's time to live: the worker deletes (or prunes to the latest checkpoint)
-- threads whose expires_at has passed. Not FORCEd: that sweep reads every user's
-- rows as the table owner; the deletion itself runs in the user's scope.
CREATE TABLE thread_ttls (
    thread_id uuid PRIMARY KEY REFERENCES chat_threads (id) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    strategy text NOT NULL DEFAULT 'delete' CHECK (strategy IN ('delete', 'keep_latest')),
    ttl_minutes double precision NOT NULL CHECK (ttl_minutes > 0),
    expires_at timestamptz NOT NULL
);
CREATE INDEX thread_ttls_due ON thread_ttls (expires_at);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['assistants', 'assistant_versions'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY own_rows ON %I USING (user_id = pam_user_id()) '
            'WITH CHECK (user_id = pam_user_id())', t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO pam_app', t);
    END LOOP;
END
$$;
-- Not FORCEd, as for reminders: the worker deletes every user's expired items and reads
-- every user's due TTLs as the table owner. pam_app, which every request runs as, is
-- bound by the policies all the same.
ALTER TABLE store_items ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON store_items
    USING (user_id = pam_user_id()) WITH CHECK (user_id = pam_user_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON store_items TO pam_app;
ALTER TABLE thread_ttls ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON thread_ttls
    USING (user_id = pam_user_id()) WITH CHECK (user_id = pam_user_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON thread_ttls TO pam_app;

-- runs.delete: a user may delete their own ended run rows (the API refuses running ones).
GRANT DELETE ON chat_runs TO pam_app;
