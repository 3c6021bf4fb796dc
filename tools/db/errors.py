"""One exception type for every way the database can be unusable at start-up."""


class DatabaseError(RuntimeError):
    """The database cannot be used; the message is one line a person can act on."""
