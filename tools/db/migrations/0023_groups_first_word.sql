-- The context block asks each turn which groups the user's message names
-- (tools/social/groups.py named_groups_query): a group's name qualifies only when its
-- first word is one of the message's words. Indexed, that test reads the few groups
-- whose first word was said instead of every group in the community. A stored column,
-- not an expression index: under row-level security a condition on lower()/split_part()
-- (not leakproof) may not run before the policy's, so only a plain column's equality
-- reaches an index.
ALTER TABLE groups
    ADD COLUMN name_first_word text GENERATED ALWAYS AS (split_part(lower(name), ' ', 1)) STORED;
CREATE INDEX groups_name_first_word ON groups (name_first_word);
