"""`pam db prune`: drop old checkpoints, keep each thread's newest.

A chat turn adds one checkpoint (an Agent Protocol run one per step). Each is bounded
(the checkpointed window), but their number grows with the thread. Resuming a thread,
answering its pending approval and reading its state need only the newest checkpoint
with its pending writes and the blobs it points at; older ones serve only Agent
Protocol history and time travel, which pruning trades for space. The transcript
(chat_messages) is untouched, so the thread APIs still show every message.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg

# Newest first by checkpoint_id (uuid6: time-ordered), as LangGraph reads them. A
# subgraph's namespace ("wins:<task id>") is one domain run; it goes whole once the run
# is over: older than the thread's newest checkpoint and not the task that checkpoint
# still waits on (an approval paused inside the subgraph resumes from it).
PRUNE = """
WITH ranked AS (
    SELECT thread_id, checkpoint_ns, checkpoint_id,
           row_number() OVER (
               PARTITION BY thread_id, checkpoint_ns ORDER BY checkpoint_id DESC
           ) AS newest,
           max(checkpoint_id) OVER (PARTITION BY thread_id, checkpoint_ns) AS ns_newest
    FROM checkpoints
), root AS (
    SELECT thread_id, checkpoint_id FROM ranked WHERE checkpoint_ns = '' AND newest = 1
), waiting AS (
    SELECT DISTINCT w.thread_id, w.task_id
    FROM checkpoint_writes w JOIN root r
      ON w.thread_id = r.thread_id AND w.checkpoint_ns = '' AND w.checkpoint_id = r.checkpoint_id
), doomed AS (
    SELECT k.thread_id, k.checkpoint_ns, k.checkpoint_id
    FROM ranked k LEFT JOIN root r ON r.thread_id = k.thread_id
    WHERE k.newest > %(keep)s
       OR (k.checkpoint_ns <> '' AND k.ns_newest < r.checkpoint_id AND NOT EXISTS (
            SELECT 1 FROM waiting t
            WHERE t.thread_id = k.thread_id
              AND t.task_id = split_part(split_part(k.checkpoint_ns, '|', 1), ':', 2)))
), kept AS (
    SELECT c.thread_id, c.checkpoint_ns, c.checkpoint -> 'channel_versions' AS versions
    FROM checkpoints c
    WHERE NOT EXISTS (
        SELECT 1 FROM doomed d
        WHERE d.thread_id = c.thread_id AND d.checkpoint_ns = c.checkpoint_ns
          AND d.checkpoint_id = c.checkpoint_id)
), dropped AS (
    DELETE FROM checkpoints c USING doomed d
    WHERE c.thread_id = d.thread_id AND c.checkpoint_ns = d.checkpoint_ns
      AND c.checkpoint_id = d.checkpoint_id
    RETURNING 1
), writes AS (
    DELETE FROM checkpoint_writes w USING doomed d
    WHERE w.thread_id = d.thread_id AND w.checkpoint_ns = d.checkpoint_ns
      AND w.checkpoint_id = d.checkpoint_id
    RETURNING 1
), blobs AS (
    -- A blob goes when no kept checkpoint names it and it is provably stale: a kept
    -- checkpoint names a newer version of its channel, or its namespace was dropped
    -- whole. A blob a running turn has just written (its checkpoint not yet
    -- committed) is the newest version of its channel, so it is never taken.
    DELETE FROM checkpoint_blobs b
    WHERE NOT EXISTS (
        SELECT 1 FROM kept k
        WHERE k.thread_id = b.thread_id AND k.checkpoint_ns = b.checkpoint_ns
          AND k.versions ->> b.channel = b.version)
      AND (EXISTS (
            SELECT 1 FROM kept k
            WHERE k.thread_id = b.thread_id AND k.checkpoint_ns = b.checkpoint_ns
              AND k.versions ->> b.channel > b.version)
        OR (b.checkpoint_ns <> ''
            AND EXISTS (
                SELECT 1 FROM doomed d
                WHERE d.thread_id = b.thread_id AND d.checkpoint_ns = b.checkpoint_ns)
            AND NOT EXISTS (
                SELECT 1 FROM kept k
                WHERE k.thread_id = b.thread_id AND k.checkpoint_ns = b.checkpoint_ns)))
    RETURNING 1
)
SELECT (SELECT count(*) FROM dropped), (SELECT count(*) FROM writes),
       (SELECT count(*) FROM blobs)
"""


@dataclass(frozen=True)
class Pruned:
    checkpoints: int
    writes: int
    blobs: int


def prune_checkpoints(database_url: str, keep: int = 1) -> Pruned:
    """One statement: what it keeps and what it drops come from one snapshot."""
    if keep < 1:
        raise ValueError("keep at least one checkpoint per thread")
    with psycopg.connect(database_url) as conn:
        if conn.execute("SELECT to_regclass('checkpoints')").fetchone() == (None,):
            return Pruned(0, 0, 0)  # no server has run on this database yet
        row = conn.execute(PRUNE, {"keep": keep}).fetchone()
    checkpoints, writes, blobs = row if row else (0, 0, 0)
    return Pruned(int(checkpoints), int(writes), int(blobs))
