"""A verified token's identity -> PAM's user id, injectively, through `identities`.

An identity is (issuer, exact `sub`). Its user id is, on first sight, the one PAM always
derived (`preferred_user_id`: a Supabase `sub` in its canonical UUID spelling is the user
id itself; any other subject maps to a uuid5), unless another identity already holds
that id — then a random one. So "ABC…" and "abc…", "{abc…}" and "urn:uuid:abc…" are
different users, and a token whose `sub` is someone's uuid5 is not that someone.
"""

from __future__ import annotations

from uuid import UUID, uuid4, uuid5

from tools.db.pool import Pool

USER_NAMESPACE = UUID("3b0d4a0e-5f3c-4a4f-9d7e-2c1b6c0e9a55")
ATTEMPTS = 3


def preferred_user_id(sub: str) -> UUID:
    """The id PAM gives a subject seen first: itself when it is a UUID spelled as
    Supabase spells them, else its uuid5."""
    try:
        parsed = UUID(sub)
    except ValueError:
        return uuid5(USER_NAMESPACE, sub)
    return parsed if str(parsed) == sub else uuid5(USER_NAMESPACE, sub)


async def user_for(pool: Pool, issuer: str, subject: str) -> UUID:
    """The user id of (issuer, subject), made on first sight (safe under concurrency:
    the primary key decides who was first, the unique user id who holds an id)."""
    candidates = [preferred_user_id(subject)] + [uuid4() for _ in range(ATTEMPTS)]
    async with pool.connection() as conn:
        for candidate in candidates:
            await conn.execute(
                "INSERT INTO identities (issuer, subject, user_id) VALUES (%s, %s, %s)"
                " ON CONFLICT DO NOTHING",
                (issuer, subject, candidate),
            )
            row = await (
                await conn.execute(
                    "SELECT user_id FROM identities WHERE issuer = %s AND subject = %s",
                    (issuer, subject),
                )
            ).fetchone()
            if row is not None:
                user: UUID = row["user_id"]
                return user
    raise RuntimeError("no free user id for a new identity")  # four UUID clashes in a row
