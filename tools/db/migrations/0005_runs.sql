-- Runs of the graph on a thread: their status for thread/run APIs, and the chat result
-- of each finished turn so that a retried client message_id returns it instead of
-- running the turn twice. UNIQUE (thread_id, message_id) makes that hold under races.
CREATE TABLE chat_runs (
    id uuid PRIMARY KEY,
    thread_id uuid NOT NULL REFERENCES chat_threads (id) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status text NOT NULL DEFAULT 'pending' CHECK (
        status IN ('pending', 'running', 'success', 'error', 'interrupted', 'cancelled')),
    message_id text CHECK (char_length(message_id) BETWEEN 1 AND 200),
    metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
    result jsonb,
    error text CHECK (char_length(error) <= 500),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (thread_id, message_id)
);
CREATE INDEX chat_runs_thread_created ON chat_runs (thread_id, created_at DESC);

ALTER TABLE chat_runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE chat_runs FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON chat_runs
    USING (user_id = pam_user_id()) WITH CHECK (user_id = pam_user_id());
-- No DELETE: run rows go with their thread (ON DELETE CASCADE).
GRANT SELECT, INSERT, UPDATE ON chat_runs TO pam_app;
