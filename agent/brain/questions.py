"""The one short question asked for a missing detail, and how the answer completes the call.

Each (tool, slot) has its own wording, so the next turn can tell from PAM's reply alone
(the router only sees text) which request is waiting and what the answer fills.
"""

from __future__ import annotations

import re

from agent.brain.groceries import laid_out

QUESTIONS: dict[tuple[str, str], str] = {
    ("add_expense", "amount"): "How much was it?",
    ("add_expense", "category"): "What was it for?",
    ("add_income", "amount"): "How much did you receive?",
    ("add_income", "source"): "Where did the money come from?",
    ("set_budget", "monthly_limit"): "How much should the monthly budget be?",
    ("set_budget", "category"): "Which spending category is the budget for?",
    ("update_expense", "changes"): "What should I change on that expense?",
    ("log_fuel", "litres"): "How many litres did you put in?",
    ("add_vehicle", "name"): "What do you call the vehicle?",
    ("log_maintenance", "item"): "What work was done?",
    ("log_tyre_pressures", "pressures"): "What were the pressures (each tyre, or one all round)?",
    ("plan_trip", "origin"): "Where are you starting from?",
    ("plan_trip", "destination"): "Where are you heading?",
    ("weather_forecast", "location"): "Which town should I check the weather for?",
    ("find_places", "near"): "Near which town should I look?",
    ("save_place", "name"): "What's the place called?",
    ("create_event", "start"): "What day and time is it?",
    ("create_event", "title"): "What should I call the event?",
    ("update_event", "changes"): "What should I change on that event?",
    ("add_task", "title"): "What's the task?",
    ("add_pantry_item", "name"): "What should I add to the pantry?",
    ("add_to_shopping_list", "items"): "What should I add to the shopping list?",
    ("update_profile", "profile"): "What would you like to change in your profile?",
    ("remember", "note"): "What should I remember?",
    ("create_post", "content"): "What would you like the post to say?",
    ("comment_on_post", "content"): "What would you like the comment to say?",
    ("create_group", "name"): "What should the group be called?",
    ("join_group", "group"): "Which group would you like to join?",
    # when the vehicle named is none of the user's and they have several
    ("log_fuel", "vehicle"): "Which vehicle was the fill for?",
    ("log_maintenance", "vehicle"): "Which vehicle was the work done on?",
    ("fuel_stats", "vehicle"): "Which vehicle's fuel figures would you like?",
    ("log_tyre_pressures", "vehicle"): "Which vehicle were the pressures for?",
    ("tyre_pressure_history", "vehicle"): "Which vehicle's tyre history would you like?",
    ("plan_trip", "vehicle"): "Which vehicle are you taking?",
    ("maintenance_due", "vehicle"): "Which vehicle should I check?",
}
# How an answer joins the original request before it is read again.
_JOIN: dict[tuple[str, str], str] = {
    ("add_expense", "category"): "{orig} for {ans}",
    ("add_income", "source"): "{orig} from {ans}",
    ("set_budget", "category"): "{orig} for {ans}",
    ("update_expense", "changes"): "{orig} to {ans}",
    ("add_vehicle", "name"): "{orig} called {ans}",
    ("log_maintenance", "item"): "{ans} {orig}",
    ("log_tyre_pressures", "pressures"): "{orig} {ans}",
    ("plan_trip", "origin"): "{orig} from {ans}",
    ("plan_trip", "destination"): "{orig} to {ans}",
    ("weather_forecast", "location"): "{orig} in {ans}",
    ("find_places", "near"): "{orig} near {ans}",
    ("save_place", "name"): "save {ans}, {orig}",
    ("create_event", "title"): "{ans} {orig}",
    ("update_event", "changes"): "{orig} to {ans}",
    ("add_pantry_item", "name"): "add {ans} to the pantry",
    ("add_to_shopping_list", "items"): "add {ans} to the shopping list",
    ("update_profile", "profile"): "{ans}",
    ("remember", "note"): "remember that {ans}",
    ("create_post", "content"): "{orig}: {ans}",
    ("comment_on_post", "content"): "{orig}: {ans}",
    ("create_group", "name"): "create a group called {ans}",
    ("join_group", "group"): "join {ans}",
    **{
        (tool, "vehicle"): "{orig} (vehicle: {ans})"
        for tool in (
            "log_fuel",
            "log_maintenance",
            "fuel_stats",
            "log_tyre_pressures",
            "tyre_pressure_history",
            "plan_trip",
            "maintenance_due",
        )
    },
}
# Answers to "what's it called?" often say so: "call it Lake Cullulleraine".
_NAMING = re.compile(
    r"^(?:(?:call|name) it|it'?s called|it is called|its called|it'?s named|the name is|it'?s"
    r"|called|named)\s+",
    re.IGNORECASE,
)
_NAME_SLOTS = {"name", "title", "group"}
_NO = re.compile(
    r"^\s*(?:no|nope|nah|cancel|cancel that|cancel it|never ?mind|forget it|don'?t bother|skip it"
    r"|stop|leave it|no thanks|no thank you|not now)\b[\s.!]*$",
    re.IGNORECASE,
)
_YES = re.compile(
    r"^\s*(?:yes|yep|yeah|yup|sure|ok|okay|correct|right|please do|do it|go ahead)"
    r"\b[\s.!]*$",
    re.IGNORECASE,
)


def question(tool: str, slot: str) -> str:
    return QUESTIONS.get((tool, slot), "Could you tell me a bit more?")


def asked(replies: list[str]) -> tuple[str, str] | None:
    """The (tool, slot) of the last question among PAM's replies, if one is waiting."""
    best: tuple[int, tuple[str, str]] | None = None
    for n, reply in enumerate(replies):
        for key, text in QUESTIONS.items():
            at = reply.rfind(text)
            if at >= 0 and (best is None or (n, at) > (best[0], 0)):
                best = (n, key)
    return best[1] if best else None


def join(tool: str, slot: str, original: str, answer: str) -> str:
    """The original request read again with the answer in it."""
    answer = answer.strip().rstrip(".!")
    if slot in _NAME_SLOTS:
        answer = _NAMING.sub("", answer)
    if slot == "items":
        answer = laid_out(answer)  # "- eggs\n- spinach": the items a line each
    if slot == "litres" and re.fullmatch(r"\d+(?:\.\d+)?", answer):
        answer += "L"
    template = _JOIN.get((tool, slot), "{orig} {ans}")
    # "from Coober Pedy" answering "Where are you starting from?" joins as one "from"
    link = re.search(r"\{orig\} (\w+) \{ans\}", template)
    if link and re.match(rf"{link[1]}\s", answer, re.IGNORECASE):
        answer = answer[len(link[1]) :].strip()
    return template.format(orig=original.strip().rstrip(".!?"), ans=answer)


def is_no(text: str) -> bool:
    return bool(_NO.match(text))


def is_yes(text: str) -> bool:
    return bool(_YES.match(text))
