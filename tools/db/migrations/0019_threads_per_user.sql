-- Per-user thread namespaces (issue 14, the thread-id oracle): a thread is keyed by
-- (user_id, id), so two users may each have a thread with the same client-chosen id,
-- and creating one never tells a caller that someone else's exists. Every table that
-- names a thread names it with its owner; message ids (client-chosen too) are unique
-- per user's thread. Existing rows keep their ids: each already has exactly one owner.
ALTER TABLE chat_messages DROP CONSTRAINT chat_messages_thread_id_fkey;
ALTER TABLE chat_runs DROP CONSTRAINT chat_runs_thread_id_fkey;
ALTER TABLE thread_ttls DROP CONSTRAINT thread_ttls_thread_id_fkey;
ALTER TABLE crons DROP CONSTRAINT crons_thread_id_fkey;

ALTER TABLE chat_threads DROP CONSTRAINT chat_threads_pkey;
ALTER TABLE chat_threads ADD PRIMARY KEY (user_id, id);

ALTER TABLE chat_messages DROP CONSTRAINT chat_messages_thread_id_message_id_key;
ALTER TABLE chat_messages ADD UNIQUE (user_id, thread_id, message_id);
ALTER TABLE chat_messages ADD FOREIGN KEY (user_id, thread_id)
    REFERENCES chat_threads (user_id, id) ON DELETE CASCADE;

ALTER TABLE chat_runs DROP CONSTRAINT chat_runs_thread_id_message_id_key;
ALTER TABLE chat_runs ADD UNIQUE (user_id, thread_id, message_id);
ALTER TABLE chat_runs ADD FOREIGN KEY (user_id, thread_id)
    REFERENCES chat_threads (user_id, id) ON DELETE CASCADE;

ALTER TABLE thread_ttls DROP CONSTRAINT thread_ttls_pkey;
ALTER TABLE thread_ttls ADD PRIMARY KEY (user_id, thread_id);
ALTER TABLE thread_ttls ADD FOREIGN KEY (user_id, thread_id)
    REFERENCES chat_threads (user_id, id) ON DELETE CASCADE;

-- A cron without a thread (thread_id NULL) is not checked (MATCH SIMPLE), as before.
ALTER TABLE crons ADD FOREIGN KEY (user_id, thread_id)
    REFERENCES chat_threads (user_id, id) ON DELETE CASCADE;
