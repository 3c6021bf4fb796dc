-- The full, append-only transcript of every thread. The checkpointed state keeps only a
-- bounded window (summary plus recent turns), so thread APIs read history from here.
CREATE TABLE chat_messages (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    thread_id uuid NOT NULL REFERENCES chat_threads (id) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    message_id text NOT NULL,
    role text NOT NULL CHECK (role IN ('human', 'ai', 'tool', 'system')),
    content text NOT NULL,
    data jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (thread_id, message_id)
);
CREATE INDEX chat_messages_thread ON chat_messages (thread_id, id);

ALTER TABLE chat_messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE chat_messages FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON chat_messages
    USING (user_id = pam_user_id()) WITH CHECK (user_id = pam_user_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON chat_messages TO pam_app;
