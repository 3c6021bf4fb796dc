"""The security suite runs against the same live servers as the API tests."""

from tests.api.conftest import serve

__all__ = ["serve"]
