"""Chat turns for the HTTP (JSON and SSE) and WebSocket transports."""
