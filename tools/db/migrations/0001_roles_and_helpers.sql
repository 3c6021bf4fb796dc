-- The role every user-scoped query runs under. NOLOGIN: it is only ever reached with
-- SET LOCAL ROLE from the service's own connection. NOBYPASSRLS: policies always apply.
DO $$
BEGIN
    CREATE ROLE pam_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;  -- roles are cluster-wide: another database (or process) made it first
END
$$;

-- The migrating user must be able to SET ROLE pam_app (superusers always can).
DO $$
BEGIN
    IF NOT pg_has_role(current_user, 'pam_app', 'MEMBER') THEN
        EXECUTE format('GRANT pam_app TO %I', current_user);
    END IF;
END
$$;

-- Each migration grants pam_app exactly the tables it creates: the checkpoint tables
-- and the migrations ledger stay out of its reach.
GRANT USAGE ON SCHEMA public TO pam_app;

-- The current user of a scoped transaction, or NULL outside one (so every policy fails
-- closed for a connection that never said who it is).
CREATE OR REPLACE FUNCTION pam_user_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('pam.user_id', true), '')::uuid $$;
