"""`pam chat`: a terminal client for PAM, over the WebSocket or in-process."""
