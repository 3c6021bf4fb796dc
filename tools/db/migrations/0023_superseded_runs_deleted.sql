-- A run rolled back by a newer run on its thread (multitask_strategy "rollback") is
-- deleted with its checkpoints, as LangGraph's server deletes it: the app may now delete
-- run rows, its own only (0005's row policy, FOR ALL, applies to DELETE too).
GRANT DELETE ON chat_runs TO pam_app;
