-- Coordination through Postgres alone (PAM_COORDINATION=postgres: `pam serve --workers N`
-- or several instances without Redis; server/runs/over_postgres.py). Each process's runs
-- are announced here with the database session that holds their thread's advisory lock
-- (its pid and start, so a dead process is told apart from a live one), and their
-- events are copied here for other processes to follow (woken by NOTIFY).
-- Service tables: the server's own role reads and writes them across users; pam_app has
-- no grant, and row-level security is forced with a policy that excludes it too.
-- UNLOGGED: nothing here outlives the processes that wrote it, so no WAL is written.
CREATE UNLOGGED TABLE coordinated_runs (
    run_id uuid PRIMARY KEY,
    thread_id uuid NOT NULL,
    user_id uuid NOT NULL,
    message_id text CHECK (char_length(message_id) BETWEEN 1 AND 200),
    -- Small strings a follower needs (the Agent Protocol's stream options).
    extras jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(extras) = 'object'),
    owner_pid integer NOT NULL,
    owner_started timestamptz NOT NULL,
    holds_thread boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    -- Set when the run ends; end_status with the outcome once its last events are here.
    ended_at timestamptz,
    end_status text CHECK (
        end_status IN ('pending', 'running', 'success', 'error', 'interrupted', 'cancelled')),
    end_error text,
    end_data bytea
);
CREATE INDEX coordinated_runs_holders ON coordinated_runs (thread_id) WHERE holds_thread;
CREATE INDEX coordinated_runs_ended ON coordinated_runs (ended_at);

CREATE UNLOGGED TABLE coordinated_run_events (
    run_id uuid NOT NULL REFERENCES coordinated_runs ON DELETE CASCADE,
    seq bigint NOT NULL CHECK (seq > 0),
    mode text NOT NULL,
    ns text NOT NULL,
    data bytea NOT NULL,
    PRIMARY KEY (run_id, seq)
);

ALTER TABLE coordinated_runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE coordinated_runs FORCE ROW LEVEL SECURITY;
CREATE POLICY service_only ON coordinated_runs
    USING (current_user <> 'pam_app') WITH CHECK (current_user <> 'pam_app');
ALTER TABLE coordinated_run_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE coordinated_run_events FORCE ROW LEVEL SECURITY;
CREATE POLICY service_only ON coordinated_run_events
    USING (current_user <> 'pam_app') WITH CHECK (current_user <> 'pam_app');
