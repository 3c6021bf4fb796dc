"""Arguments of the social tools. Post and comment text is the user's own words."""

from __future__ import annotations

import re
import unicodedata

from agent.brain.convo import Env
from agent.brain.draft import Draft, Ref, tidy
from agent.brain.figures import newest_count
from agent.brain.known import known_group, post_group
from agent.brain.pick import by_pronoun, explicit_id, ordinal, ref_words
from agent.brain.textutil import capitalise, respell, squash, title_case

_I = re.IGNORECASE
# A name as people write one: capitalised words, with "and", "&", "of", "on the" or "12V"
# between ("Smiths on the Road").
_CAP = r"(?:[A-Z][\w'&-]*|\d[\w'&-]*)"
_TITLE = rf"{_CAP}(?:\s+(?:(?:and|&|of|the|n|on|in)\s+){{0,2}}{_CAP}){{0,4}}"
_NOT_NAME = r"(?!(?:to|in|on|into|for|from|with|everyone|all|the|my|our)\b)"
_GROUP = re.compile(
    rf"\b(?:to|in|on|into|for|from|with)\s+(?:the|my|our)?\s*({_NOT_NAME}[\w'&-]+"
    rf"(?:\s+{_NOT_NAME}[\w'&-]+){{0,4}}?)\s+group\b"
    # (a pronoun after "group" opens what was done with it: "the group I just joined")
    rf"|\bgroup\s+(?:(?:called|named)\s*)?['\"]?(?!(?-i:I|We|You|They|He|She)(?:'\w+)?\s)"
    rf"((?-i:{_TITLE}))"
    rf"|\b(?:the|my|our)\s+({_NOT_NAME}[\w'&-]+(?:\s+{_NOT_NAME}[\w'&-]+){{0,4}}?)\s+group\b",
    _I,
)
_POINTER = (
    r"(?:it|that|this|them|one|that one|this one|that group|this group)"
    r"|(?:the\s+)?(?:first|second|third|fourth|fifth|last|latest|top|\d(?:st|nd|rd|th))"
    r"(?:\s+(?:one|group))?"
)
_POLITE = r"\s+(?:pls|please|thanks|thx|mate|for me|too)$"
_VAGUE_GROUP = r"(?:a|an|one|some|any|a new|another)(?:\s+(?:group|of them|of the groups))?"
# "an Irish in Oz group", "the Dogs on the Road group": a capitalised name with its small
# words, after an article, before "group".
_TITLED_GROUP = re.compile(rf"\b(?i:the|an?|my|our|that|this)\s+({_TITLE})\s+(?i:group)\b")
# What is no part of a name: emoji and symbols, and the words people put after one.
_AFTER_NAME = re.compile(
    r"(?:[\s,]+(?:pls|plz|please|thanks|thx|ta|cheers|mate|fr|lol|eh|hey|yeah|ya|would ya"
    r"|would you|will ya|for me|too|now|asap|again|anyway|anyways|then|instead|as well|also))+\s*$",
    _I,
)


def clean_name(name: str) -> str:
    """A name as typed, without emoji, symbols and the politeness after it."""
    kept = "".join(
        " " if unicodedata.category(c) in ("So", "Sk", "Cs", "Co") or c in "\ufe0f\u200d" else c
        for c in name
    )
    kept = squash(kept)
    while (cut := _AFTER_NAME.sub("", kept)) != kept:
        kept = squash(cut)
    return re.sub(r"^the\s+(?=[A-Z])", "", kept)  # "call it the Knitting Nomads"


# Spaces before the marker are read from the start of their run only, not again from
# each of its n characters (each try reading the rest of the run: O(n^2)); the same match.
_CONTENT = re.compile(
    r"(?:(?<!\s)\s+)?(?::|\bsaying\b|\bthat says\b|\bwith\b(?= \")|[-–—]\s)\s*|\"", _I
)


_QUOTED = re.compile(r"(?:^|(?<=\s))([\"'“‘])(.+?)[\"'”’](?=\s|$|[,.!?;:])")
_FEEDS = (
    r"(?:my |the |our )?(?:(?:public|community|main|general|everyone'?s?|open)\s+)?"
    r"(?:feed|timeline|wall|everyone|community|public|page)"
)
_FEED_NAME = re.compile(_FEEDS, _I)


def _content(text: str) -> str | None:
    """The text after "post ...:" / "saying" / a dash, or the quoted text."""
    m = _CONTENT.search(text)
    quoted = _QUOTED.search(text)
    if quoted and (not m or quoted.start() <= m.start()):
        return quoted[2].strip() or None
    if not m:
        return None
    body = re.sub(r"\s+", " ", text[m.end() :]).strip()
    return re.sub(r"^([\"'])(.*)\1$", r"\2", body).strip() or None


# Who a post is for, said after the group's name ("post to X, members only: …").
_AUDIENCE_AFTER = re.compile(
    r"(?:\s*[,(]\s*group only\)?"
    r"|[\s,(]+(?:members only|only|just for members|for members|private(?:ly)?"
    # who may read it, said after where it goes ("on community for everyone: …")
    r"|for (?:everyone|everybody|all|anyone|the public|all to see)|publicly|public"
    r"|not (?:for )?(?:the )?public(?:ly)?)\)?)+\s*$",
    _I,
)
# "group only, not for the public": who may not read it says nothing public
_NOT_PUBLIC = re.compile(
    r"\b(?:not|no|never|don'?t (?:make it|put it|share it)|isn'?t)\s+(?:for\s+|to\s+)?(?:the\s+)?"
    r"(?:public(?:ly)?|everyone|everybody|all)\b",
    _I,
)


# "just put it in Grey Nomads WA then": a post said before, sent to a group named bare.
_PUT_IT_IN = re.compile(
    rf"\b(?:put|post|share|stick|pop|chuck|send)\s+(?:it|that|this)\s+(?:up\s+)?(?:in|on|to|into)\s+"
    rf"(?:the\s+)?((?-i:{_TITLE}))(?:\s+(?:group|mob|crew|page))?"
    r"(?:\s+(?:then|instead|please|pls|thanks|rather))*\s*[.!]*$",
    _I,
)


def _group(text: str, *, before_content: bool = True) -> str | None:
    if (put := _PUT_IT_IN.search(text)) and not _FEED_NAME.fullmatch(put[1]):
        return clean_name(put[1])
    head = re.split(r":|\bsaying\b", text, maxsplit=1)[0] if before_content else text
    head = _AUDIENCE_AFTER.sub("", head) if before_content and ":" in text else head
    m = _GROUP.search(head)
    titled = _TITLED_GROUP.search(head)
    if titled and (not m or titled.start() <= m.start()):
        return clean_name(titled[1])
    if not m:
        # "post in Solar Setup: ..." names a group without the word "group"
        bare = re.search(
            rf"\b(?:post|share|put it|write)\s+(?:up\s+)?(?:to|in|on|into)\s+(?!{_FEEDS}\b)"
            rf"(?:the\s+)?({_TITLE})\s*$",
            head,
        )
        # ... or typed in lower case: all the words from "in" to the colon are its name
        bare = bare or re.search(
            rf"\b(?:post|share|put it|write)\s+(?:up\s+)?(?:to|in|on|into)\s+"
            rf"(?!{_FEEDS}\s*$|{_POINTER}\s*$|(?:there|here)\s*$"
            rf"|(?:the |our |that |this )?(?:new )?group\s*$)"
            rf"(?:the\s+)?([a-z][\w'&-]*(?:\s+[\w'&-]+){{0,4}})\s*$",
            head,
            _I,
        )
        return squash(bare[1]) if bare and before_content and ":" in text else None
    name = clean_name(m[1] or m[2] or m[3])
    return None if name.lower() in ("a", "the", "this", "that", "my") else name


_NAME_ENDS = re.compile(
    r"\s+(?:just|so|because|cos|coz|that|which|where|who|open|only|with|to|keep|make|and it"
    r"|please|pls|thanks|for|about|it's|its|since)\b",
    _I,
)
_GROUP_LATER = re.compile(
    r"\b(?:there|that group|this group|the same group)\b"
    r"|\b(?:tell|ask|let|warn|remind)\s+(?:them|'?em)\b",  # "tell them …": the group shown
    _I,
)
_IN_IT = re.compile(
    r"\b(?:in|to|on|into|for)\s+(?:it|there|that(?: group| one)?|this(?: group| one)?"
    r"|the group|our group|the new group|the new one)\b",
    _I,
)


def previous_group(env: Env) -> str | None:
    """The group the previous turn made, joined or showed, when it was one group."""
    prev = env.previous
    names = (
        [str(r["name"]) for r in prev.rows if r.get("kind") == "group" and r.get("name")]
        if prev
        else []
    )
    return names[0] if len(names) == 1 else None


# "post in <group> that/saying/asking/inviting …": the group is the words between the
# preposition and the word that starts what the post says.
_POST_TOLD = re.compile(
    r"\b(?:post|put a post|pop a post|put something|write)\s+(?:up\s+)?(?:in|to|on|into)\s+"
    r"(?P<group>[\w'&-]+(?:\s+[\w'&-]+){0,5}?)\s+"
    r"(?P<mark>that|saying|asking|inviting|telling|letting|to say|to ask|to tell|to let)\s+"
    r"(?P<body>.+)$",
    _I,
)


def _told_content(m: re.Match[str]) -> str:
    """What the post says: the words after "that"/"saying"; a question after "asking"
    ("asking if anyone knows a mechanic" → "Anyone know a mechanic?"); an invitation
    or news as said ("inviting everyone to share a photo")."""
    mark, body = m["mark"].lower(), m["body"].strip()
    asked = re.search(r"\b(?:would|could|can|will)\s+(?:you|u)\b", m.string[: m.start()], _I)
    if mark not in ("asking", "to ask") and asked:
        body = body.rstrip("? ")  # "Would you post … that …?": the request's question mark
    if mark in ("that", "saying", "to say"):
        return body
    if mark in ("asking", "to ask"):
        body = re.sub(r"^(?:if|whether)\s+", "", body, flags=_I).rstrip(".?! ")
        body = re.sub(r"^(anyone|anybody|someone|somebody) knows\b", r"\1 know", body, flags=_I)
        return capitalise(body) + "?"
    return capitalise(f"{m['mark']} {body}")


# A post said in one breath after its group: the group's words, then (maybe after a
# hesitation or a comma) words that start a sentence of the post's own.
_RUN_ON_POST = re.compile(
    rf"\b(?:post|write|share|put)\s+(?:(?:it|this)\s+)?(?:in|to|on|into)\s+(?:the\s+)?"
    rf"(?!{_FEEDS}\b|there\b|here\b|it\b)(?P<group>[\w'&-]+(?:\s+[\w'&-]+){{0,3}}?)(?:\s+group)?"
    r"(?:\s*[,:-]|\s+(?:uh+|um+|er+m?)\b,?)?\s+"
    r"(?P<content>(?:does|do|did|is|are|was|has|have|can|could|would|will|anyone|anybody"
    r"|someone|somebody|who|what|where|when|why|how|we|we're|were|i|i'm|im|our|my|just"
    r"|heads up|fyi|hey|hi|g'day)\b.+)$",
    _I,
)


# Where a post goes, said between its verb and its words: "publicly", "for everyone", "on
# the public page", "to the feed".
_WHERE = (
    r"(?:publicly|public|for (?:everyone|everybody|all|the public)"
    rf"|(?:on|to|in|into|onto)\s+{_FEEDS})"
)
# ... or with no mark, said on in one breath: "post to everyone the park at Gerroa has free
# showers now" (three words at least, none a pointer at a post said before or what it is
# about).
_RUN_ON_WHERE = re.compile(
    rf"^\W*(?:(?:pls|please|can you|could you|hey|ok|okay)\W+)*"
    rf"(?:post|share|publish|announce|put|pop|stick|write)\b"
    rf"(?:\s+(?:up|out|a note|a post|a message))?(?:\s+{_WHERE})+[\s,]+"
    r"(?P<body>(?!(?:about|re|it|this|that|these|those|them|please|pls|now|too|again|as|for"
    r"|to|with|and|then|instead|thanks)\b)[\w'\"“‘][^\s]*(?:\s+\S+){2,})$",
    _I,
)
# "tell the Quilters on Wheels group she'll …", "let the X mob know we're …": the group is
# the words before the collective noun, the post what is said after it.
_TELL_GROUP = re.compile(
    # "tell my crew in Kimberley Crew that …": the collective first, the group's name after
    rf"\b(?:tell|let|message|text|telling|letting)\s+(?:the|my|our)\s+(?:group|mob|crew|lot|gang|members|folks"
    rf"|people|peeps)\s+(?:in|from|of)\s+(?:the\s+)?(?P<named>(?-i:{_TITLE}))(?:\s+group)?"
    r"(?:\s+know)?(?:\s+that)?[\s,:-]+(?P<said>\S.*)$"
    r"|\b(?:tell|let|message|text|telling|letting)\s+(?:the|our|my)\s+(?P<group>[\w'&-]+(?:\s+[\w'&-]+){0,5}?)"
    r"\s+(?:group|mob|crew|lot|gang|members|folks|people|peeps)\b(?:\s+know)?(?:\s+that)?"
    r"[\s,:-]+(?P<body>\S.*)$",
    _I,
)
# The words start after the verb and where it goes, at "that", "saying" or a colon or dash.
_SAID_AFTER_WHERE = re.compile(
    rf"\b(?:post|share|publish|announce|put|pop|stick|write)\b"
    rf"(?:\s+(?:it|up|out|something|a note|a post|a message))?(?:\s+{_WHERE})+"
    r"\s*(?:\bthat\b|\bsaying\b|[:\-–])\s*(?P<body>.+)$",
    _I,
)


# Words said to the people of a group just shown (agent/brain/tell_them.py).
_TO_THEM = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|and|also|yeah|yep|then|pls|please|can you|could you)\b[\s,]*)*"
    r"(?P<verb>tell|ask|warn|remind)\s+(?:them|'?em)\b[\s,:]*(?:that\s+|if\s+|whether\s+)?"
    r"(?P<body>\S.*)$",
    _I,
)


def create_post(text: str, env: Env) -> Draft:
    draft = Draft("create_post")
    content = _content(text)
    said = re.search(
        r"\b(?:tell|let|telling|letting)\b.{0,40}?\b(?:that|know)\s+(.+)$", text, _I
    ) or re.search(
        r"\btell (?:everyone|everybody|the community|people|folks|the group|all)\s+(.+)$", text, _I
    )
    told_group = _TELL_GROUP.search(text)
    told_body = (told_group["body"] or told_group["said"]) if told_group else ""
    if not content and told_body and not re.match(r"(?:too|also|as well)\W*$", told_body):
        content = told_body.strip()  # "tell the X group …": the group's words are no post
    if not content and said:
        content = said[1].strip()
    if not content and (them := _TO_THEM.match(text)):  # "tell them we're at Broome till Sunday"
        body = them["body"].strip()
        asking = them["verb"].lower() == "ask"
        content = capitalise(body.rstrip(".?!")) + "?" if asking else body
    pointer = re.search(  # `(?<!\s)`: as in _CONTENT
        r"[,;]?(?:(?<!\s)\s+)?(?:and\s+)?\b(?:post|share|publish) (?:that|this|it)\b", text, _I
    )
    if not content and pointer and pointer.start() > 0:  # "saw whales..., post that for everyone"
        before = text[: pointer.start()].strip(" ,;")
        # "ok just share it with …": only filler before the pointer is no post of its own
        content = before if tidy(before, r"nah|no|yeah|yep|right|well|actually") else None
    asked = re.search(
        r"\bask(?:ing)? (?:the |my |our )?(.+?) group,? (?:if|whether|about)?\s*(.+)$", text, _I
    ) or re.search(
        # a group by its name alone: "ask the Top End Travellers if anyone knows a mechanic"
        r"\b(?i:ask(?:ing)?) (?i:the |my |our )?((?:[A-Z][\w'&-]*\s+){1,5}?)"
        r"(?i:if|whether|about)\s+(.+)$",
        text,
    )
    if not content and asked:  # "ask the Solar group if a 200W panel is enough"
        content = capitalise(asked[2].strip().rstrip(".?!")) + "?"
    told = _POST_TOLD.search(text)
    if not content and told:
        content = _told_content(told)
    if not content and (aimed := _SAID_AFTER_WHERE.search(text)):
        content = aimed["body"].strip() or None  # "put on the public page that …"
    if not content and (aimed := _RUN_ON_WHERE.search(text)):
        content = aimed["body"].strip()  # "post to everyone the park at Gerroa has …"
    if not content:
        m = re.search(r"\b(?:post|share|publish|announce)\b\s+(?:that\s+)?(.+)$", text, _I)
        # "share it with the X group": a pointer at a post said before, not one's words
        pointer_on = r"(?:to|on|in)\b|(?:it|this|that)\s+(?:with|to|in|on|into|for)\b"
        body = m[1].strip() if m and not re.match(pointer_on, m[1], _I) else ""
        content = re.sub(r"^(['\"])(.*)\1$", r"\2", body).strip() or None
    group = squash(asked[1]) if asked else _group(text)
    told_name = (told_group["group"] or told_group["named"]) if told_group else ""
    if not group and told_name and told_name.lower() not in ("whole", "other"):
        group = clean_name(told_name)
    if not content and not group and (run_on := _RUN_ON_POST.search(text)):
        # "post in troopy owners uh does anyone have …": no colon, the post starts where a
        # sentence does
        group, content = title_case(squash(run_on["group"])), run_on["content"].strip()
    members = re.search(
        rf"\b(?:members|people|folks|everyone)\s+(?:of|in)\s+(?:the\s+)?({_TITLE})(?:\s+group)?\s*[:,-]",
        text,
    )
    if not group and members:  # "post only for the members of Backpackers Cairns: …"
        group = squash(members[1])
    if not group and told and not re.fullmatch(rf"(?:{_FEEDS})", told["group"], _I):
        said_group = squash(told["group"])
        named = re.sub(r"^(?:the|our|my)\s+|\s+group$", "", said_group, flags=_I)
        vague = bool(_IN_IT.fullmatch(f"in {said_group}")) or named.lower() == "group"
        group = None if vague else named
    if not group and _IN_IT.search(text.split(":")[0]):
        group = previous_group(env)  # "post in it: ..." after the group was made or shown
    if group and re.fullmatch(
        r"(?:the )?(?:everybody|everyone|all|community|public|world|feed|all of (?:you|them))",
        group.strip(),
        _I,
    ):
        group = None  # "write to everybody: …": all who read the feed, no group of that name
    # a group the user can see, as it is called (agent/brain/known.py)
    group, content = post_group(text, env, group, content)
    draft.put("group", group)
    draft.put("content", content[:5000] if content else None)
    head = text[: told.start("mark")] if told else text.split(":")[0]
    # who it is for is said in the request, not in what was told before it: "Margaret says
    # hi to everyone, post in X that …" is a group post
    if asked := re.search(r"\b(?:post|share|put up|tell|announce|let)\b", head, _I):
        head = head[asked.start() :]
    # ("all" for everyone, not "all good" / "all sorted" / "all right")
    everyone = (
        r"\b(?:public|publicly|everyone|all(?!\s+(?:good|sorted|right|ok|okay|fine|set)\b))\b"
    )
    if group and re.search(everyone, _NOT_PUBLIC.sub(" ", head), _I):
        draft.put("visibility", "public")
    elif group or not _GROUP_LATER.search(text):
        # said outright: a post to a group is for its members, any other is public ("post
        # there" is left to the group the conversation names, filled in after)
        draft.put("visibility", "group" if group else "public")
    draft.missing = None if content else "content"
    return draft


def get_feed(text: str, env: Env) -> Draft:
    draft = Draft("get_feed")
    named = re.search(r"\bthe ([A-Z][\w'&-]*(?:\s+[A-Z][\w'&-]*){0,3})(?: group)? posts\b", text)
    named = named or re.search(
        rf"\b(?:new|happening|latest|posted|going on|news)\s+(?:in|on|from)\s+"
        rf"(?:the\s+)?({_TITLE})",
        text,
    )
    # a group typed in lower case, to the end of the message ("whats new in caravan cooks")
    lower = re.search(
        r"\b(?:posts?|new|happening|latest|posted|going on|news)(?:\s+\d{1,3})?\s+(?:in|on|from)\s+"
        r"(?:the\s+)?"
        r"(?!(?:the\s+)?(?:feed|community|public|everyone|app|group|groups)\b)"
        r"([a-z][\w'&-]*(?:\s+[\w'&-]+){0,4}?)(?:\s+group)?\s*(?:pls|please|thanks)?[?.!]*$",
        text,
        _I,
    )
    # "show me the outback families feed": a group's name before "feed"/"posts", any case
    before_feed = re.search(
        r"\bthe\s+(?!(?:public|community|main|whole|general|latest|new|newest|usual|social"
        r"|news|my|our|group|groups|app)\s+(?:feed|posts|page)\b)"
        r"([a-z][\w'&-]*(?:\s+[\w'&-]+){0,4}?)\s+(?:group\s+)?(?:feed|posts|page)\b",
        text,
        _I,
    )
    # "has anyone in caravan cooks posted about …": the people's group, any case, up to
    # what they did
    people_in = re.search(
        r"\b(?:anyone|anybody|someone|somebody|people|folks|members|everyone|others)\s+(?:in|from"
        r"|on)\s+(?:the\s+)?(?!(?:the\s+)?(?:feed|community|public|app|group|groups)\b)"
        r"([\w'&-]+(?:\s+[\w'&-]+){0,4}?)(?:\s+group)?\s+(?:has |have |had |ever )*(?:posted"
        r"|said|written|wrote|shared|put up|mentioned|asked|talked|talking|posting|saying)\b",
        text,
        _I,
    )
    found = _group(text, before_content=False) or (squash(named[1]) if named else None)
    found = found or (squash(lower[1]) if lower else None)
    found = found or (squash(people_in[1]) if people_in else None)
    found = found or (squash(before_feed[1]) if before_feed else None)
    # "feed outback cooks", "feed for caravan cooks": the word "feed" first, as a command
    after_feed = re.match(
        r"\s*(?:show\s+(?:me\s+)?)?(?:the\s+)?feed\s+(?:for\s+|of\s+|from\s+|in\s+)?(?:the\s+)?"
        r"(?!(?:pls|please|thanks|now|again|today)\b)([a-z][\w'&-]*(?:\s+[\w'&-]+){0,4}?)"
        r"(?:\s+group)?\s*(?:pls|please|thanks)?[?.!]*$",
        text,
        _I,
    )
    found = found or (squash(after_feed[1]) if after_feed else None)
    if found and re.fullmatch(_POINTED, found, _I):
        found = None  # "the last 4 posts in it": the group said before (understand.py)
    draft.put("group", known_group(text, env, clean_name(found) if found else None))
    if n := newest_count(text):
        draft.put("limit", n)
    return draft


def _post_ref(text: str) -> Ref:
    head = re.split(r":|\bsaying\b", text, maxsplit=1)[0]
    extra = (
        r"posts?|comments?|comment|reply|respond|heart|upvote|give|thumbs|up|about|by|from"
        # how the ask is said, no word of the post: "actually leave a comment on it too"
        r"|leave|drop|write|add|too|also|actually|again|quick|well"
    )
    # ("and tell him thanks": the words said to the author, and who he is, name no post)
    if (said := _SAID_TO.search(head)) and said["a"]:
        head = head[: said.start()]
    extra += r"|him|her|them|'?em|tell"
    words = () if by_pronoun(head) else ref_words(head.replace("'s", ""), extra)
    return Ref("post", "post_id", ordinal(head), words, explicit=explicit_id(text))


# "reply to her and say thank you, …", "tell Deb her post … is lovely": the words said to
# the author, when no colon or quotes set them off.
_SAID_TO = re.compile(
    r"\b(?:and |to )?(?:say|saying|tell (?:her|him|them|'?em))\b[,:]?\s+(?P<a>.+)$"
    r"|^\W*(?:please |pls |can you |could you )?tell (?P<who>[A-Z][\w'-]*)(?:'s)?\s+(?P<b>.+)$",
    _I,
)


def comment_on_post(text: str, env: Env) -> Draft:
    draft = Draft("comment_on_post", ref=_post_ref(text))
    content = _content(text)
    if not content and (said := _SAID_TO.search(text)):
        content = squash(said["a"] or said["b"]) or None
    draft.put("content", content[:2000] if content else None)
    draft.missing = None if content else "content"
    return draft


def like_post(text: str, env: Env) -> Draft:
    return Draft("like_post", ref=_post_ref(text))


_POINTED = r"it|there|them|that|this|that one|this one|that group|this group|the group|here"
_EVERY_GROUP = r"(?:on |in )?(?:here|there|this|the app|this app|pam|offer|at the moment|atm)"


def _singular(word: str) -> str:
    """A prefix of both forms, for a search inside names ("dogs" -> "dog"); "ladies" stays
    ("lady" is inside neither "Ladies" nor "Knitting Ladies")."""
    if re.search(r"(?:ss|us|is|ies)$", word, _I):
        return word  # "glass", "bus", "tennis", "ladies"
    if re.search(r"(?:s|x|ch|sh)es$", word, _I):
        return word[:-2]  # "buses", "beaches"
    return word[:-1] if word.lower().endswith("s") else word


def list_groups(text: str, env: Env) -> Draft:
    draft = Draft("list_groups")
    asked = re.split(r"(?<=[?.!])\s+", text, maxsplit=1)[0]  # "… dogs? We've got Pippa now"
    # "with kimberley in the name", "whose names have 'van' in them", "named like outback":
    # the words the names hold are the search
    m = re.search(
        r"\b(?:with|having|that have|that has|whose names? (?:has|have|contains?))\s+"
        r"(?:the\s+word\s+)?['\"]?"
        r"(.+?)['\"]?\s+(?:in|inside)\s+(?:the|their|its|them)(?:\s+names?)?\b"
        r"|\b(?:names?|titles?)\s+(?:has|have|having|contains?|containing|with|includ(?:es?|ing))"
        r"\s+(?:the\s+word\s+)?['\"]?(.+?)['\"]?(?:\s+in\s+(?:it|them))?\s*[?.!]*$"
        r"|\b(?:named|called)\s+(?:like|something like)\s+['\"]?(.+?)['\"]?\s*[?.!]*$",
        asked,
        _I,
    )
    if m:
        draft.put("query", next(g for g in m.groups() if g).strip().lower()[:100])
        return draft
    m = re.search(r"\b(?:about|for|on|related to|into|around)\s+(.+?)\s*[?.!]*$", asked, _I)
    if not m:
        m = re.search(r"\b([\w-]+(?:\s+[\w-]+)?)\s+groups?\b", text, _I)
    if m:
        # "for people with dogs", "for folks towing a Jayco", "for those who fish": what the
        # group is about, not who is in it (who they are, then what they do or have)
        about = re.sub(
            r"^(?:(?:people|folks?|those|travellers|travelers|anyone|others|us|owners|drivers)\s+"
            r"(?:(?:who|that)\s+(?:(?:are|have|do)\s+)?(?!\w+ing\b)\w+(?:\s+(?:with|into|in|on))?"
            r"|with|into|\w+ing(?:\s+(?:with|in|on|around))?)\s+(?:(?:their|a|an|our|my|the)\b)?\s*)",
            "",
            m[1].strip(),
            flags=_I,
        )
        # "for people who fish": the doing is what it is about
        about = re.sub(
            r"^(?:people|folks?|those|travellers|travelers|anyone|others)\s+(?:who|that)\s+(\w+)$",
            r"\1",
            about,
            flags=_I,
        )
        query = tidy(
            about, r"any|some|the|a|an|what|which|are|there|list|show|me|find|all|groups?|our|my"
        )
        # "for korean people", "for dog lovers like us": who is in it says what it is about
        query = re.sub(
            r"\s+(?:people|folks|peeps|ones|types|travellers|travelers|tourists|visitors|owners"
            r"|drivers|like (?:me|us)|in (?:oz|australia))$",
            "",
            query,
            flags=_I,
        )
        if re.fullmatch(_EVERY_GROUP, query, _I) or query.lower() in ("community", "new"):
            query = ""  # "what groups r there on here", "community groups": every group
        # the search finds the words inside names: "dog" finds "Dogs on the Road" and "Dog
        # Lovers", "dogs" only the first
        if re.fullmatch(r"[a-z]{3,}", query, _I):
            query = _singular(query)
        draft.put("query", query.lower()[:100] if query else None)
    return draft


def join_group(text: str, env: Env) -> Draft:
    draft = _join_group(text, env)
    # a group the user can see, as it is called (agent/brain/known.py)
    said = draft.args.get("group")
    if (
        draft.ref is None
        and (said or draft.missing == "group")
        and (group := known_group(text, env, said))
    ):
        draft.args["group"] = group[:100]
        draft.missing = None
    return draft


# A row named by what it is about, then "one": "the RV one", "the fishing one".
_DESCRIBED_ONE = re.compile(r"((?:[\w'&-]+\s+){1,3}?)one", _I)


def _join_group(text: str, env: Env) -> Draft:
    draft = Draft("join_group")
    m = re.search(
        r"\b(?:join(?: (?:me|us))?(?: up)?(?: (?:to|with|for))?|sign (?:me|us) up (?:to|for)"
        r"|member of"
        r"|(?:add|put|chuck|throw|stick|pop|bung|sign) (?:me|us) (?:up )?(?:to|in|into|on)"
        r"|(?:get|let) (?:me|us) (?:into|in to|in)"
        r"|(?:want|wanna|keen|like) (?:to )?(?:get )?in on)"
        r"\s+(?:the\s+)?(.+?)\s*[.!?]*$",
        text,
        _I,
    )
    name = clean_name(re.sub(_POLITE, "", m[1], flags=_I)) if m else ""
    # "join in the group Backpackers WA": the name is what follows the word "group"
    name = re.sub(r"^(?:(?:in|into|to|on)\s+)?(?:the\s+)?group\s+(?=\S)", "", name, flags=_I)
    # "the Grey Nomads WA group please", "… group, Marj says it's good": the name ends there
    name = re.split(r"\s+group\b|[,;]\s|\s[-–]\s", name, maxsplit=1, flags=_I)[0] or name
    name = re.sub(r"^(?:the\s+)?group\s+", "", name, flags=_I)  # "a member of the group X"
    if re.fullmatch(_POINTER, name, _I) and (
        earlier := _group(text[: m.start()], before_content=False) if m else None
    ):
        name = earlier  # "told us about the X group ... join us up to that?"
    if not m and (named := _group(text, before_content=False)):
        # "I want to be part of the group X", "can we get into the X group"
        draft.put("group", named[:100])
        return draft
    if not m or re.fullmatch(_VAGUE_GROUP, name, _I):
        draft.missing = "group"  # "I want to join a group": which one?
        return draft
    if not name or re.fullmatch(_POINTER, name, _I):
        draft.ref = Ref("group", "group", ordinal(text), ())
        return draft
    if (described := _DESCRIBED_ONE.fullmatch(name)) and (words := ref_words(described[1])):
        # "join the RV one", "the hiking one please": a group shown, by a word of its own
        draft.ref = Ref("group", "group", None, words)
        return draft
    draft.put("group", name[:100])
    return draft


# What says the words after it are a new group's name: "called X", "with the name X", "by
# the name of X".
_CALLED = r"called|named|titled|(?:with|under|by)\s+(?:the\s+)?name(?:\s+of)?"
# A group's fields set out with labels, as a form is filled in: "Name: X. Description: Y."
_NAME_LABEL = re.compile(
    r"\b(?:group )?(?:name|title)\s*[:=]\s*['\"“‘]?(?P<name>[^.;\n'\"”’]{2,80}?)['\"”’]?"
    r"\s*(?=[.;\n]|\s*(?:description|desc|about|blurb|purpose)\s*[:=]|$)",
    re.IGNORECASE,
)
_DESCRIPTION_LABEL = re.compile(
    r"\b(?:description|desc|about|blurb|purpose)\s*[:=]\s*(?P<description>[^\n]+?)[.\s]*$",
    re.IGNORECASE,
)


_OPEN_TO_ALL = (
    r"\b(?:open to (?:anyone|everyone|all|everybody|the public)|anyone can join|everyone can join"
    r"|open group|public group|(?:make|keep|set|leave) it (?:open|public)|not private)\b"
    # "called X, open, for …", "X (public)": the word alone between marks of a clause
    r"|(?<=[,(;:\-–])\s*(?:open|public)\b(?=\s*(?:[,);.!?\-–]|$))"
)


def create_group(text: str, env: Env) -> Draft:
    draft = Draft("create_group")
    m = re.search(
        rf"\b(?:{_CALLED})\s+['\"]?([^,:.'\"]+?)['\"]?(?:\s+(?:for|about)\s+|"
        # ("called X — for people …": a spaced dash ends the name as a comma does)
        r"[,:.]|\s+[—–-]+\s+(?:(?:for|about)\s+)?|$)(.*)$",
        text,
        _I,
    )
    if not m:
        m = re.search(r"\bgroup\s*:\s*['\"]?([^,.'\"]+)['\"]?()$", text, _I)
    if not m:
        # a name given in quotes: "with the name 'Españoles en la ruta' for Spanish …"
        m = re.search(
            r"(?:^|\s)['\"“‘]([^'\"”’]{2,60})['\"”’](?:\s*,?\s*(?:for|about)\s+(.*)$|()\s*[,.!?]?)",
            text,
            _I,
        )
    if not m:
        m = re.search(r"\bgroup\s+(?:for|about)\s+()(.+)$", text, _I)
    if called := re.search(r"\b(?:call|name) it\s+['\"]?([^,:.'\"]+)", text, _I):
        m = re.match(r"(.*)()", called[1])
    # A name written as one (capitalised words) ends where the capitals end: "a private
    # group called Hendersons on Tour so it's just us", "a group Nullarbor Convoy Jan, keep
    # it private"; what follows "for"/"about" after it is still the description.
    if titled := re.search(
        # (or after a comma or dash: "set up a private group, Cape York Convoy")
        rf"\b(?:(?:{_CALLED}|call it|name it)\s+|group(?:\s*[,\-–]\s*|\s+))['\"]?"
        rf"(?-i:({_TITLE}))['\"]?"
        r"(?-i:(?=\s+[a-z]|[,:.!?'\"]|\s+[—–-]+\s|\s*$))"
        r"(?:(?:\s+[—–-]+)?\s+(?:for|about)\s+(.*)$)?",
        text,
        _I,
    ):
        quoted = titled.start(1) > 0 and text[titled.start(1) - 1] in "'\"“‘"
        # a quoted name is whole as quoted ("with the name 'Españoles en la ruta'")
        m = m if quoted and m else re.match(r"(.*)\n(.*)", f"{titled[1]}\n{titled[2] or ''}")
    name = clean_name(m[1]) if m else ""
    description = squash(m[2] or "").strip(" -") if m else ""
    # fields set out with labels: "Name: Coastal Walkers. Description: walks by the sea."
    if labelled := _NAME_LABEL.search(text):
        name = clean_name(labelled["name"])
        described = _DESCRIPTION_LABEL.search(text)
        description = squash(described["description"]).strip(" -") if described else ""
    # This tool reads the user's own words; "privet" as heard is still "private".
    # "only for people we invite", "by invitation": who may join is who is asked
    private = (
        r"\b(?:private|invite[- ]only|closed|secret|members[- ]only|by invitation|invitation only"
        # "only for members", "just for members", "not open", "not public": who may see it
        r"|(?:only|just) (?:for )?(?:the )?members|not (?:open|public)"
    )
    private += r"|(?:people|those|folks|ones|whoever|who) (?:we|i) (?:invite|ask|add))\b"
    if re.search(private, respell(text), _I):
        draft.put("private", True)
        name = re.sub(
            r"[,\s]+(?:keep it |make it |it's |and )?(?:private|invite[- ]only)\b.*$",
            "",
            name,
            flags=_I,
        )
        description = re.sub(
            r"^(?:keep it |make it |it's |and )?(?:private|invite[- ]only)\b[,\s]*"
            r"(?:invite[- ]only)?",
            "",
            description,
            flags=_I,
        ).strip(" ,")
        # "…, only for people we invite": the clause that says so is no name or description
        clause = rf"[,;]\s*[^,;]*?{private}[^,;]*"
        name = re.sub(clause, "", name, flags=_I)
        description = re.sub(clause, "", description, flags=_I).strip(" ,")
    open_to_all = re.search(_OPEN_TO_ALL, text, _I)
    if open_to_all and "private" not in draft.args:
        # "open to anyone", "anyone can join": said outright, so the group is not private
        draft.put("private", False)
        name = re.sub(rf"[,\s-]*(?:{_OPEN_TO_ALL}).*$", "", name, flags=_I).rstrip(" ,;:(-–")
        description = re.sub(rf"[,\s-]*(?:{_OPEN_TO_ALL})[^,;]*", "", description, flags=_I)
    if m and not name and description:
        name = capitalise(re.sub(r"^the\s+", "", description, flags=_I))
    if (texted := re.search(r"\s+[24]$", name)) and re.search(
        rf"{re.escape(name)}\s+(?!(?:for|to|about|with|and|that|which|so|is|it)\b)[a-z]", text
    ):
        name = name[: texted.start()]  # "… Vanners 4 ppl touring": a texted "for", no part of it
    if name and name == name.lower() and (cut := _NAME_ENDS.search(name)):
        # typed in lower case, a name ends where the sentence goes on ("called miller
        # family lap just for the rellies", "homeschool on wheels open to anyone")
        description = description or squash(name[cut.start() :])
        name = squash(name[: cut.start()])
    if name and name == name.lower():
        name = title_case(name)  # a group's name is a proper name
    draft.put("name", name[:100] or None)
    draft.put(
        "description",
        capitalise(description)[:500] if description and description != name.lower() else None,
    )
    draft.missing = None if name else "name"
    return draft
