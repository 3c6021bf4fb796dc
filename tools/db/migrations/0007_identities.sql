-- Who a token's (issuer, exact subject) is: one row per identity, one identity per user
-- id. Before, the user id was computed from `sub` alone, so spellings of one UUID were one
-- user and a non-UUID subject's uuid5 could be claimed by a token whose `sub` was that
-- uuid5 (issue 14, L7). The service reads and writes it before any user is known, so
-- pam_app gets no grant at all.
CREATE TABLE identities (
    issuer text NOT NULL CHECK (char_length(issuer) <= 2000),
    subject text NOT NULL CHECK (char_length(subject) <= 2000),
    user_id uuid NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (issuer, subject)
);
ALTER TABLE identities ENABLE ROW LEVEL SECURITY;
