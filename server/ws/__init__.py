"""The chat WebSocket: `/api/v1/pam/ws`."""
