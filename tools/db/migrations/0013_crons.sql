-- Crons (issue 18 part B): a schedule that starts a normal run of the graph, on the
-- owner's thread or on a fresh thread each time. The worker's relay reads every user's
-- due rows as the table owner (so the policy is not FORCEd, as for reminders) and
-- defers a job per firing; the job starts the run in the owner's scope.
CREATE TABLE crons (
    id uuid PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    assistant_id text NOT NULL CHECK (char_length(assistant_id) BETWEEN 1 AND 200),
    thread_id uuid REFERENCES chat_threads (id) ON DELETE CASCADE,
    schedule text NOT NULL CHECK (char_length(schedule) BETWEEN 1 AND 200),
    timezone text NOT NULL DEFAULT 'UTC' CHECK (char_length(timezone) <= 100),
    end_time timestamptz,
    enabled boolean NOT NULL DEFAULT true,
    on_run_completed text NOT NULL DEFAULT 'delete'
        CHECK (on_run_completed IN ('delete', 'keep')),
    payload jsonb NOT NULL DEFAULT '{}'::jsonb,  -- the run's body (input, context, ...)
    metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
    next_run_date timestamptz,  -- NULL: nothing left to run (past end_time)
    job_id bigint,  -- the job deferred for next_run_date
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX crons_due ON crons (next_run_date) WHERE enabled AND next_run_date IS NOT NULL;
CREATE INDEX crons_user ON crons (user_id, created_at DESC);

ALTER TABLE crons ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON crons
    USING (user_id = pam_user_id()) WITH CHECK (user_id = pam_user_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON crons TO pam_app;
