"""The social domain's actions (see TOOLS.md): posts, the feed, comments, likes, groups."""

from tools.social import feed, groups, posts, reactions
from tools.social.feed import get_feed
from tools.social.groups import create_group, join_group, list_groups, resolve_group
from tools.social.posts import create_post
from tools.social.reactions import comment_on_post, like_post
from tools.social.tables import TABLES
from tools.types import Action

ACTIONS: list[Action] = [*posts.ACTIONS, *feed.ACTIONS, *reactions.ACTIONS, *groups.ACTIONS]
REST_ONLY_ACTIONS: list[Action] = [groups.LEAVE_GROUP]

__all__ = [
    "ACTIONS",
    "REST_ONLY_ACTIONS",
    "TABLES",
    "comment_on_post",
    "create_group",
    "create_post",
    "get_feed",
    "join_group",
    "like_post",
    "list_groups",
    "resolve_group",
]
