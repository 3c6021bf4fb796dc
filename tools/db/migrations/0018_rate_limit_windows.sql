-- Rate-limit counters shared by every process when there is no Redis
-- (PAM_COORDINATION=postgres; server/ratelimit.py PostgresCounter): one row per key
-- with the times of its hits still in the moving window. Service table, as
-- coordinated_runs (0017): no grant to pam_app, RLS forced with a policy excluding it.
CREATE UNLOGGED TABLE rate_limit_windows (
    key text PRIMARY KEY CHECK (char_length(key) BETWEEN 1 AND 500),
    hits timestamptz[] NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX rate_limit_windows_expiry ON rate_limit_windows (expires_at);

ALTER TABLE rate_limit_windows ENABLE ROW LEVEL SECURITY;
ALTER TABLE rate_limit_windows FORCE ROW LEVEL SECURITY;
CREATE POLICY service_only ON rate_limit_windows
    USING (current_user <> 'pam_app') WITH CHECK (current_user <> 'pam_app');
