"""Community groups: find them, join them, start one, and (for private groups) the
owner's pending join requests; a group found by what the user calls it (its name in any
case, or its id). Groups are visible to every signed-in user.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, BeforeValidator, Field, StringConstraints, model_validator

from tools.db.scope import Query, UserDb
from tools.profile import load_profile
from tools.social.models import GROUP, GroupOut, feed_ui, group_out
from tools.types import Action, ActionError, ActionResult, Args
from tools.values import Name

_SPACES = re.compile(r"\s+")


def _visible(value: Any) -> Any:
    """A group's name as people see it: compatibility forms folded (NFKC: a no-break
    space is a space), invisible format characters (zero-width spaces and joiners,
    direction overrides, byte-order marks: Unicode's Cf) dropped, and each run of spaces
    one. Names that differ only unseen are one name, so no one can start a second group
    that looks like another, or miss a group by typing it with a stray character."""
    if not isinstance(value, str):
        return value
    folded = unicodedata.normalize("NFKC", value)
    shown = "".join(c for c in folded if unicodedata.category(c) != "Cf")
    return _SPACES.sub(" ", shown)


# Letters that read as others in a name: those of Cyrillic and Greek that look like Latin
# ones, and a digit zero or one, a capital I or a bar, for an o or an l (the idea of
# Unicode's confusable skeletons, UTS #39, as a small table of the letters group names
# are made of). Folded to one letter each, then to lower case, names that look the same
# meet, and another user cannot start a second "Solar Tow Club" in Cyrillic letters
# (try17). Every letter here is folded to lower case already, so the comparison needs
# nothing of the database's locale beyond ASCII.
_LOOK_ALIKES = {
    # Cyrillic
    "\u0430": "a", "\u0435": "e", "\u043e": "o", "\u0440": "p", "\u0441": "c",
    "\u0443": "y", "\u0445": "x", "\u0456": "i", "\u0458": "j", "\u0455": "s",
    "\u04bb": "h", "\u0501": "d", "\u051b": "q", "\u051d": "w", "\u04cf": "l",
    "\u0410": "a", "\u0412": "b", "\u0415": "e", "\u041a": "k", "\u041c": "m",
    "\u041d": "h", "\u041e": "o", "\u0420": "p", "\u0421": "c", "\u0422": "t",
    "\u0423": "y", "\u0425": "x", "\u0406": "l", "\u0408": "j", "\u0405": "s",
    "\u051a": "q", "\u051c": "w",
    # Greek
    "\u03b1": "a", "\u03bf": "o", "\u03c1": "p", "\u03bd": "v", "\u03b9": "i",
    "\u03ba": "k", "\u03c5": "u", "\u03c7": "x", "\u03b3": "y",
    "\u0391": "a", "\u0392": "b", "\u0395": "e", "\u0396": "z", "\u0397": "h",
    "\u0399": "l", "\u039a": "k", "\u039c": "m", "\u039d": "n", "\u039f": "o",
    "\u03a1": "p", "\u03a4": "t", "\u03a5": "y", "\u03a7": "x",
    # Latin and digits
    "0": "o", "1": "l", "I": "l", "|": "l",
}  # fmt: skip
LOOK_ALIKE_FROM = "".join(_LOOK_ALIKES)
LOOK_ALIKE_TO = "".join(_LOOK_ALIKES.values())
# A name as its words in look-alike-folded lower case, one space apart (SQL, of {}).
_WORDS_KEY = (
    "btrim(regexp_replace(lower(translate({}, %(from)s, %(to)s)),"
    " '[[:space:][:punct:]]+', ' ', 'g'))"
)


GroupName = Annotated[Name, BeforeValidator(_visible)]
GroupRef = GroupName
"""A group by its name (any case), a shortening of it, or its id."""
MIN_SHORT_NAME = 4  # letters a shortened name needs ("wa" alone names nothing)
GROUP_SELECT = """
SELECT g.id, g.name, g.description, g.private,
       pam_group_member_count(g.id) AS member_count,
       EXISTS (SELECT 1 FROM group_members m
               WHERE m.group_id = g.id AND m.user_id = %(me)s) AS is_member
FROM groups g
"""


# What the model is told of the groups each turn (agent/context_block.py): the names of
# the user's own groups, and of any group the message names, so a group typed in lower
# case or run into other words is passed as the group is called.
MAX_MY_GROUPS = 30
MAX_NAMED_GROUPS = 5


def my_groups_query(user_id: UUID, limit: int = MAX_MY_GROUPS) -> Query:
    """The names of the groups the user is in or has asked to join, by name."""
    # From the user's memberships and requests (a few rows), not from every group.
    return (
        "SELECT name FROM ("
        " SELECT g.name FROM group_members m JOIN groups g ON g.id = m.group_id"
        " WHERE m.user_id = %s"
        " UNION SELECT g.name FROM group_join_requests r JOIN groups g ON g.id = r.group_id"
        " WHERE r.user_id = %s AND r.status = 'pending'"
        ") mine ORDER BY lower(name) LIMIT %s",
        (user_id, user_id, limit),
    )


def spoken_words(text: str) -> str:
    """`text` as its words in lower case, one space apart and at both ends (the form
    `named_groups_query` finds a group's name in)."""
    return f" {' '.join(_words(text))} "


def named_groups_query(said: str, limit: int = MAX_NAMED_GROUPS) -> Query:
    """The names of the groups whose whole name is among the words of `said` (any case,
    punctuation aside: "join grey nomads wa pls" names Grey Nomads WA), longest first.
    Every group is visible to a signed-in user (the groups_read policy). A name's first
    word must be one of the message's (the indexed column of migration 0023, so only
    those groups are read) before its words are compared (a regular expression)."""
    lowered = said.lower()
    firsts = sorted(
        {*_words(said), *lowered.split(), *(t.strip(".,;:!?()'\"") for t in lowered.split())}
    )
    return (
        "SELECT g.name FROM groups g"
        " WHERE g.name_first_word = ANY(%s)"
        " AND strpos(%s, ' ' || btrim(regexp_replace(lower(g.name), '[^[:alnum:]]+', ' ', 'g'))"
        " || ' ') > 0"
        " ORDER BY length(g.name) DESC, lower(g.name) LIMIT %s",
        (firsts, spoken_words(said), limit),
    )


def _as_uuid(text: str) -> UUID | None:
    try:
        return UUID(text)
    except ValueError:
        return None


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


def shortens(short: list[str], name: str) -> bool:
    """Whether `short` is the group's name shortened: its words, in order, each the start
    of one of the name's words ("harvest trail" for Harvest Trail Workers, "nomads" for
    Grey Nomads WA)."""
    words = iter(_words(name))
    return bool(short) and all(any(w.startswith(s) for w in words) for s in short)


async def _shortened(db: UserDb, ref: str) -> dict[str, Any] | None:
    """The one group `ref` shortens: among the user's groups first, then all groups; None
    when no group or several could be meant."""
    short = _words(ref)
    if not short or len("".join(short)) < MIN_SHORT_NAME:
        return None
    cur = await db.conn.execute(
        GROUP_SELECT + "WHERE strpos(lower(g.name), %(w)s) > 0 ORDER BY lower(g.name) LIMIT 200",
        {"me": db.user_id, "w": max(short, key=len)},
    )
    rows = [r for r in await cur.fetchall() if shortens(short, r["name"])]
    mine = [r for r in rows if r["is_member"]]
    for found in (mine, rows):
        if len(found) == 1:
            return dict(found[0])
    return None


async def resolve_group(db: UserDb, ref: str) -> GroupOut:
    """The group named `ref` (case-insensitive) or with id `ref`, else the one group whose
    name `ref` shortens ("harvest trail"), else a not_found error."""
    group_id = _as_uuid(ref)
    params = {"me": db.user_id, "id": group_id, "name": ref}
    where = "WHERE g.id = %(id)s" if group_id else "WHERE lower(g.name) = lower(%(name)s)"
    cur = await db.conn.execute(GROUP_SELECT + where, params)
    row = await cur.fetchone()
    if row is None and group_id is None:
        row = await _shortened(db, ref)
    if row is None:
        raise ActionError(
            f"I couldn't find a group called {ref}.",
            code="not_found",
            field="group",
            subject="group",
        )
    return group_out(row)


GroupDescription = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)
]


class GroupResult(ActionResult):
    group: GroupOut


class GroupsResult(ActionResult):
    groups: list[GroupOut]


class ListGroupsArgs(Args):
    query: Name | None = Field(
        default=None, description="Words in the group's name; omit for all.", examples=["solar"]
    )


async def list_groups(db: UserDb, args: ListGroupsArgs) -> GroupsResult:
    # strpos, not LIKE: the user's text is matched literally, % and _ included.
    cur = await db.conn.execute(
        GROUP_SELECT + "WHERE %(q)s::text IS NULL"
        " OR strpos(lower(g.name), lower(%(q)s)) > 0"
        " OR strpos(lower(coalesce(g.description, '')), lower(%(q)s)) > 0"
        " ORDER BY lower(g.name) LIMIT 100",
        {"me": db.user_id, "q": args.query},
    )
    groups = [group_out(row) for row in await cur.fetchall()]
    about = f' matching "{args.query}"' if args.query else ""
    if not groups:
        summary = (
            f"There are no groups{about} yet — you could start one (say “start a group called …”)."
        )
    else:
        listed = ", ".join(
            f"{g.name} ({g.member_count} member{'s' if g.member_count != 1 else ''}"
            f"{', you are in' if g.is_member else ''})"
            for g in groups[:10]
        )
        more = f" and {len(groups) - 10} more" if len(groups) > 10 else ""
        summary = f"{len(groups)} group{'s' if len(groups) != 1 else ''}{about}: {listed}{more}."
    return GroupsResult(summary=summary, groups=groups)


class JoinGroupArgs(Args):
    group: GroupRef = Field(
        description="Group name (or id) as list_groups shows it.", examples=["Solar Setup"]
    )


async def join_group(db: UserDb, args: JoinGroupArgs) -> GroupResult:
    group = await resolve_group(db, args.group)
    if group.is_member:
        # Answered before any insert: Postgres checks an INSERT's policy before its ON
        # CONFLICT, and a private group's policy admits only its owner, so a member let
        # in by the owner who said "join" again was a 500 (try15).
        return _already_member(group)
    if group.private:
        return await _request_to_join(db, group)
    cur = await db.conn.execute(
        "INSERT INTO group_members (group_id, user_id) VALUES (%s, %s)"
        " ON CONFLICT (group_id, user_id) DO NOTHING RETURNING group_id",
        (group.id, db.user_id),
    )
    if await cur.fetchone() is None:  # joined meanwhile (another request of theirs)
        return _already_member(group)
    joined = group.model_copy(update={"is_member": True, "member_count": group.member_count + 1})
    return GroupResult(
        summary=f"You joined {group.name}; its members-only posts now show in your feed.",
        ids=[group.id],
        ui_actions=[feed_ui("group", group.id, group.name)],
        group=joined,
    )


def _already_member(group: GroupOut) -> GroupResult:
    return GroupResult(
        summary=f"You're already a member of {group.name}.", group=group, changed=False
    )


async def _request_to_join(db: UserDb, group: GroupOut) -> GroupResult:
    """A private group: file (or, once decided, re-file) a join request for its owner to
    decide. Not `INSERT … ON CONFLICT DO UPDATE`: Postgres checks its existing row against
    every UPDATE policy's USING and raises (the owner's policy refuses the asker), so a
    request asked again was a 500; the asker's own policy (migration 0026) lets them put
    a decided request back to pending, and nothing else."""
    cur = await db.conn.execute(
        "SELECT id, status FROM group_join_requests WHERE group_id = %s AND user_id = %s",
        (group.id, db.user_id),
    )
    asked = await cur.fetchone()
    who = (await load_profile(db)).display_name  # the owner decides on who asks
    if asked is None:
        cur = await db.conn.execute(
            "INSERT INTO group_join_requests (group_id, user_id, requester_name)"
            " VALUES (%s, %s, %s) ON CONFLICT (group_id, user_id) DO NOTHING RETURNING id",
            (group.id, db.user_id, who),
        )
    else:
        cur = await db.conn.execute(
            "UPDATE group_join_requests SET status = 'pending', decided_at = NULL,"
            " created_at = now(), requester_name = %s"
            " WHERE id = %s AND status <> 'pending' RETURNING id",
            (who, asked["id"]),
        )
    row = await cur.fetchone()
    if row is None:
        return GroupResult(
            summary=f"You already asked to join {group.name}; its owner hasn't decided yet.",
            group=group,
            changed=False,
        )
    return GroupResult(
        summary=f"{group.name} is private, so you asked its owner to let you in: your join"
        " request waits for them, and you'll be a member once they approve.",
        ids=[row["id"]],
        group=group,
    )


async def leave_group(db: UserDb, args: JoinGroupArgs) -> GroupResult:
    """Leave a group, or take back a join request to a private one that still waits.
    The group's owner stays in it: nothing hands a group to someone else, and a group
    nobody owns among its members could never let anyone in again."""
    group = await resolve_group(db, args.group)
    cur = await db.conn.execute(
        "SELECT created_by = %s AS owns FROM groups WHERE id = %s", (db.user_id, group.id)
    )
    owned = await cur.fetchone()
    if owned is not None and owned["owns"]:
        raise ActionError(
            f"You started {group.name}, so you stay in it: a group's owner can't leave it.",
            code="conflict",
            field="group",
            subject="group",
        )
    if group.is_member:
        await db.conn.execute(
            "DELETE FROM group_members WHERE group_id = %s AND user_id = %s",
            (group.id, db.user_id),
        )
        left = group.model_copy(
            update={"is_member": False, "member_count": max(group.member_count - 1, 0)}
        )
        return GroupResult(
            summary=f"You left {group.name}; its members-only posts no longer show in your feed.",
            ids=[group.id],
            group=left,
        )
    cur = await db.conn.execute(
        "DELETE FROM group_join_requests"
        " WHERE group_id = %s AND user_id = %s AND status = 'pending' RETURNING id",
        (group.id, db.user_id),
    )
    withdrawn = await cur.fetchone()
    if withdrawn is not None:
        return GroupResult(
            summary=f"You took back your request to join {group.name}.",
            ids=[withdrawn["id"]],
            group=group,
        )
    return GroupResult(
        summary=f"You're not a member of {group.name}, so there was nothing to leave.",
        group=group,
        changed=False,
    )


class CreateGroupArgs(Args):
    name: GroupName = Field(description="The new group's name.", examples=["Kimberley 2026"])
    description: GroupDescription | None = Field(
        default=None, description="What the group is about.", examples=["Travelling the Gibb"]
    )
    private: bool = Field(
        default=False,
        description="True: members-only posts stay with members, and joining needs the"
        " user's approval.",
    )


async def create_group(db: UserDb, args: CreateGroupArgs) -> GroupResult:
    # Its name in any case, or in letters that look like its own (_LOOK_ALIKES), or its
    # words with other punctuation: "Jayco Owners WA." is said as Jayco Owners WA, and a
    # message naming one found the longer, another user's (try17). Only spaces and
    # punctuation fold away, never a letter, so a name in any script keeps its words.
    # The exact name first, so the conflict names the group the user most likely meant.
    cur = await db.conn.execute(
        "WITH k AS (SELECT " + _WORDS_KEY.format("%(name)s") + " AS key)"
        " SELECT name FROM groups, k WHERE lower(name) = lower(%(name)s)"
        " OR (k.key <> '' AND " + _WORDS_KEY.format("name") + " = k.key)"
        " ORDER BY lower(name) = lower(%(name)s) DESC, created_at LIMIT 1",
        {"name": args.name, "from": LOOK_ALIKE_FROM, "to": LOOK_ALIKE_TO},
    )
    existing = await cur.fetchone()
    if existing is not None:
        raise ActionError(
            f"A group called {existing['name']} already exists — join it (say “join"
            f" {existing['name']}”), or pick another name.",
            code="conflict",
            field="name",
        )
    cur = await db.conn.execute(
        "INSERT INTO groups (created_by, name, description, private) VALUES (%s, %s, %s, %s)"
        " RETURNING id",
        (db.user_id, args.name, args.description, args.private),
    )
    row = await cur.fetchone()
    assert row is not None
    # The creator is the first member, so they can post to the group straight away.
    await db.conn.execute(
        "INSERT INTO group_members (group_id, user_id) VALUES (%s, %s)", (row["id"], db.user_id)
    )
    group = GroupOut(
        id=row["id"],
        name=args.name,
        description=args.description,
        member_count=1,
        is_member=True,
        private=args.private,
    )
    kind = "private group" if args.private else "group"
    return GroupResult(
        summary=f"Created the {kind} {group.name}, and you're its first member.",
        ids=[group.id],
        ui_actions=[feed_ui("group", group.id, group.name)],
        group=group,
    )


JoinDecision = Literal["approve", "decline"]


class JoinRequestOut(BaseModel):
    id: UUID
    group_id: UUID
    group: str
    requester: str | None  # who asks, by their name when they asked; None: no name set
    status: Literal["pending", "approved", "declined"]
    created_at: datetime

    def who(self) -> str:
        return self.requester or "someone with no name set"


class JoinRequestsResult(ActionResult):
    requests: list[JoinRequestOut]


class ReviewJoinRequestsArgs(Args):
    group: GroupRef | None = GROUP
    decision: JoinDecision | None = Field(
        default=None, description="approve or decline the request named by request_id."
    )
    request_id: UUID | None = Field(
        default=None,
        description="The join request to decide, as listed by this tool.",
        examples=["5b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b"],
    )

    @model_validator(mode="after")
    def _both_or_neither(self) -> ReviewJoinRequestsArgs:
        if (self.decision is None) != (self.request_id is None):
            raise ValueError("give decision and request_id together, or neither to list")
        return self


_PENDING_SQL = """
SELECT r.id, r.group_id, g.name AS group, r.requester_name AS requester, r.status, r.created_at
FROM group_join_requests r JOIN groups g ON g.id = r.group_id
WHERE g.created_by = %(me)s AND r.status = 'pending'
  AND (%(gid)s::uuid IS NULL OR r.group_id = %(gid)s::uuid)
ORDER BY r.created_at
LIMIT 100
"""


async def review_join_requests(db: UserDb, args: ReviewJoinRequestsArgs) -> JoinRequestsResult:
    if args.request_id is not None and args.decision is not None:
        return await _decide(db, args.request_id, args.decision)
    group_id = (await resolve_group(db, args.group)).id if args.group else None
    cur = await db.conn.execute(_PENDING_SQL, {"me": db.user_id, "gid": group_id})
    requests = [JoinRequestOut(**row) for row in await cur.fetchall()]
    if not requests:
        return JoinRequestsResult(
            summary="No one is waiting to join your groups.", requests=[], changed=False
        )
    who = "; ".join(f"{r.who()} for {r.group}" for r in requests[:10])
    more = f"; and {len(requests) - 10} more" if len(requests) > 10 else ""
    summary = (
        f"{len(requests)} join request{'s' if len(requests) != 1 else ''} waiting"
        f" ({who}{more}): approve or decline each by its request id."
    )
    return JoinRequestsResult(summary=summary, requests=requests, changed=False)  # listed only


async def _decide(db: UserDb, request_id: UUID, decision: JoinDecision) -> JoinRequestsResult:
    if decision == "approve":
        cur = await db.conn.execute("SELECT pam_approve_join_request(%s) AS gid", (request_id,))
        row = await cur.fetchone()
        decided = row is not None and row["gid"] is not None
    else:
        cur = await db.conn.execute(
            "UPDATE group_join_requests SET status = 'declined', decided_at = now()"
            " WHERE id = %s AND status = 'pending' RETURNING id",
            (request_id,),
        )
        decided = await cur.fetchone() is not None
    if not decided:  # not the owner's, already decided, or no such request: all alike
        raise ActionError(
            "No pending join request with that id in your groups.",
            code="not_found",
            field="request_id",
        )
    cur = await db.conn.execute(
        "SELECT r.id, r.group_id, g.name AS group, r.requester_name AS requester, r.status,"
        " r.created_at FROM group_join_requests r JOIN groups g ON g.id = r.group_id"
        " WHERE r.id = %s",
        (request_id,),
    )
    row = await cur.fetchone()
    assert row is not None
    request = JoinRequestOut(**row)
    if decision == "approve":
        said = f"Join request approved: {request.who()} is now a member of {request.group}."
    else:
        said = f"Join request from {request.who()} declined for {request.group}."
    return JoinRequestsResult(summary=said, ids=[request.id], requests=[request])


ACTIONS: list[Action] = [
    Action(
        name="list_groups",
        domain="social",
        args=ListGroupsArgs,
        fn=list_groups,
        description="List community groups, optionally matching a word in their name or"
        " description, with member counts and whether the user belongs to each.",
        writes=False,
    ),
    Action(
        name="join_group",
        domain="social",
        args=JoinGroupArgs,
        fn=join_group,
        description="Join a community group by its name or id (joining twice is harmless);"
        " for a private group this asks its owner to let the user in.",
    ),
    Action(
        name="create_group",
        domain="social",
        args=CreateGroupArgs,
        fn=create_group,
        description="Start a new community group with a unique name; the user joins it."
        " A private group's joiners need the user's approval.",
    ),
    Action(
        name="review_join_requests",
        domain="social",
        args=ReviewJoinRequestsArgs,
        fn=review_join_requests,
        description="List the pending requests to join the user's private groups (optionally"
        " of one group), or decide one by its request id: let the person in, or decline.",
    ),
]


# A REST route's (tools.registry.REST_ONLY_ACTIONS), not a tool: TOOLS.md's list is kept.
LEAVE_GROUP = Action(
    name="leave_group",
    domain="social",
    args=JoinGroupArgs,
    fn=leave_group,
    description="Leave a group the user is a member of (not one they started), or take back"
    " their request to join a private group while it waits.",
)
