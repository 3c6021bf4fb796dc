"""One exception type for every way the database can be unusable at start-up."""


class DatabaseError(RuntimeError):
    """The database cannot be used; the message is one line a person can act on."""


def check_url(url: str) -> None:
    """Raise a one-line DatabaseError when `url` is not a usable libpq URL."""
    import psycopg

    try:
        info = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        raise DatabaseError(f"DATABASE_URL is malformed: {str(exc).strip()}") from None
    port = str(info.get("port") or "5432")
    if not all(p.isdigit() for p in port.split(",")):
        raise DatabaseError(f"DATABASE_URL is malformed: port {port!r} is not a number")
