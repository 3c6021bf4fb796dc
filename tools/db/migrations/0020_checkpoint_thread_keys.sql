-- LangGraph's checkpoints of a user's thread are stored under the thread's key,
-- '<user_id>:<thread_id>' (tools/db/thread_keys.py), so two users' threads with the same
-- client id never share a checkpoint. Existing checkpoints of a PAM thread move to its
-- key; checkpoints with no PAM thread (an eval's, or `langgraph dev` on this database)
-- stay where they are, out of every user's reach. On a new database the checkpointer's
-- tables are made after the migrations, and there is nothing to move.
DO $$
BEGIN
    IF to_regclass('checkpoints') IS NULL THEN
        RETURN;
    END IF;
    -- chat_threads' policy binds its owner too (FORCE): lifted for this transaction only.
    ALTER TABLE chat_threads NO FORCE ROW LEVEL SECURITY;
    UPDATE checkpoints c SET thread_id = t.user_id::text || ':' || c.thread_id
        FROM chat_threads t WHERE c.thread_id = t.id::text;
    UPDATE checkpoint_blobs c SET thread_id = t.user_id::text || ':' || c.thread_id
        FROM chat_threads t WHERE c.thread_id = t.id::text;
    UPDATE checkpoint_writes c SET thread_id = t.user_id::text || ':' || c.thread_id
        FROM chat_threads t WHERE c.thread_id = t.id::text;
    ALTER TABLE chat_threads FORCE ROW LEVEL SECURITY;
END
$$;
