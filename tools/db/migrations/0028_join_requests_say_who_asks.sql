-- A join request names who asks: their display name when they asked (or asked again),
-- as a post keeps its author's name. The owner of a private group decides who gets in,
-- and before saw only a request id. NULL: the asker had set no name.
ALTER TABLE group_join_requests ADD COLUMN requester_name text;
