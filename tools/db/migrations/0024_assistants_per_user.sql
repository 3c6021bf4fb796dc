-- Per-user assistant ids (redteam 9, the assistant-id oracle): an assistant is keyed by
-- (user_id, id), as a thread is (0019), so two users may each have an assistant with the
-- same client-chosen id, and creating one never tells a caller that someone else's
-- exists (before: 409 for a taken id, 200 for an unused one). Existing rows keep their
-- ids: each already has exactly one owner.
ALTER TABLE assistant_versions DROP CONSTRAINT assistant_versions_assistant_id_fkey;
ALTER TABLE assistant_versions DROP CONSTRAINT assistant_versions_pkey;
ALTER TABLE assistants DROP CONSTRAINT assistants_pkey;

ALTER TABLE assistants ADD PRIMARY KEY (user_id, id);
ALTER TABLE assistant_versions ADD PRIMARY KEY (user_id, assistant_id, version);
ALTER TABLE assistant_versions ADD FOREIGN KEY (user_id, assistant_id)
    REFERENCES assistants (user_id, id) ON DELETE CASCADE;
