-- What an Agent Protocol run was started with, as `runs.get` and `runs.list` answer it
-- (LangGraph's `kwargs`: input, command, config, context, stream modes, breakpoints,
-- durability), and the assistant and multitask strategy it ran with. Chat turns leave
-- kwargs NULL (their message is in the transcript); the two text columns are NULL on rows
-- written before this migration, which read as the default assistant and `enqueue`.
-- chat_runs keeps its row-level security (0005): the new columns are the user's like
-- the rest of the row.
ALTER TABLE chat_runs
    ADD COLUMN kwargs jsonb CHECK (kwargs IS NULL OR jsonb_typeof(kwargs) = 'object'),
    ADD COLUMN assistant_id text CHECK (char_length(assistant_id) BETWEEN 1 AND 200),
    ADD COLUMN multitask_strategy text CHECK (
        multitask_strategy IN ('reject', 'enqueue', 'interrupt', 'rollback'));
