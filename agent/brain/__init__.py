"""PAM's offline brain: a deterministic chat model that drives the same graph and tools as
an LLM. `OfflineBrain()` is the model (model.py); the pipeline, per call:

1. convo.py reads the system block (`Domain:`, `Current time:`, `Time zone:`, ...) and
   the conversation; understand.py reads the user's last message: segment.py splits it
   into requests, intents.py (with the triggers_*.py phrase tables, and edits.py for
   changes to existing rows) picks each one's tool, with a learned classifier
   (learned.py, blend.py; docs/brain-understanding.md) for what no phrase rule reads,
   an answer to PAM's own question
   (questions.py) is joined to the request it answers, and a follow-up ("and the month
   before that?") asks the previous question again.
2. router.py answers `route_request` with the requests' domains, in order.
3. planner.py, for a domain agent: slots*.py fill each request's arguments (money.py,
   measures.py, dates.py, times.py, ranges.py, categories.py, places.py), refs.py and
   pick.py find the rows "that one" means in earlier tool results (or list them first),
   then it calls the tools, asks one short question, or replies from the results
   (replies.py). general.py answers without tools.

Decisions: "remind me to X" with a date or time is a calendar event (a time sets
`reminder_minutes` 0, "30 minutes before" sets 30; a date alone makes it all day); without
one it is a task. Negative amounts are passed on as given, so the tool's validation
answers (and the reply relays it). A date is only sent when the user said one. The
gazetteer the tools use (tools/geo) is the brain's map: a town it knows counts as a place
without "in"/"at" ("is the Birdsville track wet?"), and "Roma Showgrounds" is in Roma.
"""

from agent.brain.model import OfflineBrain

__all__ = ["OfflineBrain"]
