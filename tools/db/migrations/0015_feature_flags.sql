-- Feature flags (docs/flags.md): one rule per flag, read by every instance on the
-- service's own connection (flags are not user data: pam_app gets no grant), and an
-- append-only audit of every change (who, when, old -> new).
CREATE TABLE feature_flags (
    name text PRIMARY KEY CHECK (name ~ '^[a-z_]+\.[a-z_]+$'),
    rule jsonb NOT NULL CHECK (jsonb_typeof(rule) = 'object'),
    updated_by text NOT NULL CHECK (char_length(updated_by) BETWEEN 1 AND 200),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE feature_flag_audit (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    actor text NOT NULL CHECK (char_length(actor) BETWEEN 1 AND 200),
    old_rule jsonb,
    new_rule jsonb,
    changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX feature_flag_audit_name ON feature_flag_audit (name, changed_at DESC);

-- Append-only: an audit row that can be edited is no audit.
CREATE FUNCTION pam_audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'feature_flag_audit is append-only';
END
$$;
CREATE TRIGGER feature_flag_audit_append_only
    BEFORE UPDATE OR DELETE ON feature_flag_audit
    FOR EACH STATEMENT EXECUTE FUNCTION pam_audit_is_append_only();

-- Every change, by any writer (the API, the CLI, psql), wakes every instance's flag
-- listener at once: a kill switch does not wait for a cache to expire.
CREATE FUNCTION pam_flags_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('pam_flags', coalesce(NEW.name, OLD.name));
    RETURN NULL;
END
$$;
CREATE TRIGGER feature_flags_changed
    AFTER INSERT OR UPDATE OR DELETE ON feature_flags
    FOR EACH ROW EXECUTE FUNCTION pam_flags_notify();
