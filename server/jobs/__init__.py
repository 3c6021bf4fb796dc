"""Background jobs (procrastinate on our Postgres): event reminders and budget alerts."""
