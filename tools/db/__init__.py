"""PAM's database layer: one pool, user-scoped transactions, ordered SQL migrations."""

from tools.db.pool import DatabaseError, open_pool
from tools.db.scope import APP_ROLE, UserDb, user_db

__all__ = ["APP_ROLE", "DatabaseError", "UserDb", "open_pool", "user_db"]
