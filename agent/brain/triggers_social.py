"""Trigger phrases of the social tools: (tool, score, pattern), see triggers.py."""

from __future__ import annotations

from agent.brain.families import GROUP, GROUPS

_LIKE = r"like|heart|upvote|thumbs up"
_ASK = r"list|show|find|search|what|which|any|are there|is there|recommend"
_WHICH = r"first|second|third|fourth|fifth|last|latest|top|newest|\w+'s"
_GIVE = r"it|that|this|that one|this one|the (?:\w+ )?(?:post|one)|\w+'s (?:post|one)"

# A label that opens a message and sets out the words to post after it (a verb of posting,
# whom or how, then a colon, a dash or a quote): what follows is the post's own words, so a
# question mark in them asks nothing of PAM (asking.is_question).
POST_LABEL = (
    r"^\W*(?:(?:pls|please|ok|okay|now|and|can you|could you)\b[\s,]*)*"
    r"(?:publish|post|share|announce|write|put (?:this |that |it )?(?:up|out)|send out)"
    r"(?: (?:this|that|it|the following|a message|a note))?"
    r"(?: (?:to|for|with) (?:everybody|everyone|all|all of them|the community|the public"
    r"|people|the feed))?(?: (?:publicly|in public|for all to see|openly))?"
    r"(?:,? (?:please|pls|for me|thanks))?\s*(?::|—|–|-{1,2}\s|[\"'“‘])"
)

_ALL = r"everyone|everybody|all|the community|the public|the world|other travellers|the feed"
_NOT_LIST = r"(?!.{0,25}\b(?:list|calendar|diary|to-?do)\b)"

# A group owner asking about people who want in: before "join", which it contains.
_WANT_IN = r"asked|asking|asks?|wants?|wanting|waiting|requested|requesting|applied|trying|keen"

SOCIAL: list[tuple[str, int, str]] = [
    # the noun, not the verb ("can u request to join X for me" asks to join)
    (
        "review_join_requests",
        9,
        r"\b(?:join|membership|member) requests?\b|\brequests to join\b"
        r"|\b(?:any|the|new|pending|open) request to join\b|\b(?:is there|got) a request to join\b",
    ),
    (
        "review_join_requests",
        9,
        r"\b(?:anyone|anybody|any1|someone|somebody|some1|people"
        r"|(?<!anyone )(?<!anybody )(?<!people )"
        r"who(?:'s| is| has)?|how many)\b"
        r"(?! who\b).{0,15}"
        # (a word of time between: "has anybody asked yet to come into the group")
        rf"\b(?:{_WANT_IN})\b(?:\s+(?:already|just|yet|lately|now))?.{{0,12}}"
        r"\b(?:to join|to get in(?:to)?|in(?:to)?)\b",
    ),
    # the same asked with a relative clause: "are there people who want to join already?",
    # "anyone who's asked to get in?"
    (
        "review_join_requests",
        9,
        r"\b(?:anyone|anybody|people|someone|somebody|folks|others)\s+(?:who|that)(?:'s| is| has"
        rf"|'ve| have)?\s+(?:already\s+|just\s+)?(?:{_WANT_IN})\b.{{0,6}}"
        r"\b(?:to join|to get in(?:to)?|in(?:to)?)\b(?!\s+(?:a|an|any|some)\b)",
    ),
    (
        "review_join_requests",
        9,
        r"\b(?:approve|accept|decline|reject|deny|let (?!me\b|us\b))\b.{0,30}"
        r"\b(?:request|in(?:to)? (?:the|my|our) (?:\w+ ){0,3}group)\b",
    ),
    # people let in as a whole, with no request named: "approve anyone who's asked to join",
    # "let everyone in", "accept all of them"
    (
        "review_join_requests",
        9,
        r"\b(?:approve|accept|admit|okay|ok|let)\s+(?:in\s+)?(?:anyone|anybody|everyone|everybody"
        r"|all|whoever|the people|people|them all|the lot)\b(?:\s+(?:in|of them))?"
        r"(?=.{0,30}\b(?:join|in|asked|asking|waiting|wants?|requested)\b)",
    ),
    ("join_group", 9, r"\bjoin\b"),
    # wanting in on a group: "I want in on the X group", "get me in on X"
    (
        "join_group",
        8,
        rf"\b(?:want|wanna|keen|like|get (?:me|us)) (?:to get )?in on\b.{{0,50}}"
        rf"\b(?:{GROUP})\b",
    ),
    # ... a group by its name alone: "I'd like in on Bright Bushwalkers please"
    (
        "join_group",
        8,
        r"\b(?:want|wanna|keen|like|get (?:me|us)) (?:to )?(?:get )?in on (?:the )?(?-i:[A-Z])",
    ),
    ("join_group", 9, r"\bsign (?:me|us) up (?:to|for)\b|\bbecome a member\b"),
    (
        "join_group",
        8,
        r"\b(?:get|let) (?:me|us) (?:into|in)\b(?! (?:the )?(?:calendar|diary|list))",
    ),
    (
        "join_group",
        9,
        rf"\b(?:add|put|chuck|stick|pop|bung|throw|sign) (?:me|us) (?:up )?(?:to|in|into)\b"
        rf"{_NOT_LIST}",
    ),
    # being let into a group, said with other verbs: "I want to enter the X group", "want to
    # be part of the group X", "can we get into the X group", "how do I become one of the …"
    (
        "join_group",
        8,
        r"\b(?:enter|get in(?:to)?|be (?:a )?part of|become (?:a )?part of"
        r"|be (?:a )?members? (?:of|in)|become (?:a )?members? of|be in|go in(?:to)?|come in(?:to)?"
        r"|belong to|be added to"
        r"|participate in|take part in)\s+(?:in(?:to)?\s+)?(?:the|that|this|your|a)?\s*"
        r"(?:[\w'&-]+\s+){0,6}?group\b",
    ),
    # (the verb's object first: "make a post for the group X" makes a post)
    (
        "create_group",
        9,
        r"\b(?:create|start|make|set up|open|begin|form)\b"
        r"(?:(?!\b(?:post|comment|note|reply|event|list|booking|announcement)\b).){0,25}\bgroup\b",
    ),
    # a group wanted and named: "wants a private group for …, call it X"
    (
        "create_group",
        9,
        r"\b(?:want|wants|wanting|need|needs|like|after)\b.{0,12}\b(?:a|an|our own|her own|his own)"
        r" (?:\w+ ){0,2}group\b.{0,100}\b(?:call it|name it|called|named)\b",
    ),
    ("comment_on_post", 9, r"\b(?:comment|reply|respond)\b.{0,40}(?:\bpost|\bsaying\b|:)"),
    ("comment_on_post", 9, r"\b(?:comment|reply|respond) (?:on|to) (?:it|that|this)\b"),
    # "answer to the post of Dave about …", "answer Kim's post": the post named by its author
    (
        "comment_on_post",
        9,
        r"\b(?:answer|reply|respond|comment)(?: to| on)? (?:the |that |this )?(?:\w+ )?"
        r"(?:post|question|message) (?:of|by|from) \w"
        r"|\b(?:answer|reply to|respond to|comment on) \w+'s (?:\w+ )?(?:post|question)\b",
    ),
    # the words quoted straight after: "… and reply 'good on ya!'"
    ("comment_on_post", 9, r"\b(?:comment|reply|respond|answer)(?: (?:with|back))?:?\s+[\"'“‘]"),
    ("comment_on_post", 9, r"^comment\b|\bleave a comment\b|\bcomment:"),
    # words written under someone's post: "write under the post of Yuki: …", "put below
    # Dave's post that …"
    (
        "comment_on_post",
        9,
        r"\b(?:write|put|say|add|leave)\b.{0,15}\b(?:under|below|beneath|underneath)\s+"
        r"(?:the |that |this |\w+'s )?(?:\w+ )?post\b"
        # the place first: "under the post of Anna write: so beautiful!"
        r"|\b(?:under|below|beneath|underneath)\s+(?:the |that |this |\w+'s )?(?:\w+ )?post\b"
        r".{0,40}\b(?:write|put|say|add|comment|reply)\b",
    ),
    # answering the person who posted: "reply to her and say …", "tell Deb her post is …"
    ("comment_on_post", 8, r"\b(?:reply|respond|write back) to (?:her|him|them)\b"),
    (
        "comment_on_post",
        8,
        r"\b(?:tell|let) [A-Z]?\w+ (?:know )?(?:that )?(?:her|his|their) (?:\w+ )?post\b",
    ),
    (
        "like_post",
        8,
        rf"\b(?:{_LIKE})\s+(?:the|that|this|his|her|their|\w+'s)\s+(?:(?:{_WHICH})\s+)?(?:post|one)\b",
    ),
    # a pronoun, not a determiner: "like this week" names a week ("… in the pantry, like
    # this week"), "like that one too" a post
    (
        "like_post",
        8,
        rf"^(?:please\s+)?(?:{_LIKE})\s+(?:it|that|this|that one|this one)\b"
        r"(?!\s+(?!(?:one|too|also|again|as|please|pls|plz|for|and|then|now|up|x|aswell)\b)"
        r"[a-z]{2,})",
    ),
    ("like_post", 8, rf"\bgive (?:{_GIVE}) a (?:like|heart|thumbs up)"),
    # the post named in any words between: "give the gibb road question a thumbs up"
    ("like_post", 8, r"\bgive\b(?:\s+[\w'-]+){1,7}?\s+an?\s+(?:like|thumbs[- ]?up|upvote)\b"),
    ("create_post", 8, r"\b(?:post|share|publish|put up|announce)\b.{0,50}(?::|\"|\bsaying\b)"),
    ("create_post", 8, r"\bpost (?:to|in|on)\b|\b(?:make|write|new) a post\b|\bnew post\b|^post\b"),
    ("create_post", 8, r"\b(?:tell|let) (?:everyone|the community|people|folks|the group)\b"),
    # telling a group by its name: "tell the Quilters on Wheels group she'll bring scones",
    # "let the birdos group know …"
    (
        "create_post",
        8,
        rf"\b(?:tell|let|inform|update|warn|ask|telling|letting|informing|updating|warning|asking)"
        rf" (?:the |my |our )?(?:[\w'&-]+ ){{0,6}}?(?:{GROUP})\b"
        r"(?! (?:called|named)\b)",
    ),
    # asking a group by its name: "ask the Top End Travellers if anyone knows a mechanic"
    (
        "create_post",
        8,
        r"\b(?:ask|asking) (?:the |my |our )?(?:(?-i:[A-Z])[\w'&-]*\s+){1,5}"
        r"(?:if|whether|about|for|what|who|where|which|how|when)\b",
    ),
    ("create_post", 8, r"\bshare\b.{0,45}\b(?:feed|group|everyone|community|followers)\b"),
    # writing to a group: "write in the X group: …", "say to the X group that …"
    (
        "create_post",
        8,
        r"\b(?:write|say|put|send|share|announce|shout out)\s+(?:something |a message |a note "
        r"|this |that |it )?(?:in|into|on|to|with) (?:the |my |our )?"
        rf"(?:[\w'&-]+ ){{0,6}}?(?:{GROUP})\b"
        r"(?! (?:called|named)\b)",
    ),
    ("create_post", 8, r"\b(?:post|publish) (?:that|this|it)\b(?! (?:post|one)\b)"),
    # "now write there: …" after a group was joined or shown: the words after the colon
    (
        "create_post",
        9,
        r"^(?:(?:now|and|then|ok|okay|so|pls|please)\b[\s,]*)*(?:write|post|put|say|ask|share)"
        r" (?:something |this |it )?(?:there|in there|in it|in that one|in that group)\s*:",
    ),
    (
        "create_post",
        8,
        r"\bask (?:the |my |our )?.{1,40}\bgroup\b|\bask (?:everyone|the community)\b",
    ),
    ("create_post", 8, rf"\bpost\b.{{0,30}}\b(?:for|to|with) (?:{_ALL})\b"),
    # a public place to write on, named as a page, a board or a wall: "put on the public
    # page that …", "stick it on the community board"
    (
        "create_post",
        9,
        r"\b(?:put|stick|pop|chuck|whack|bung|throw|write|share)\b.{0,20}\b(?:on|onto|to)"
        r" (?:the |my |our )?(?:public |community |main |group )?(?:feed|page|board|noticeboard"
        r"|notice board|wall|forum|timeline)\b",
    ),
    # the words to post set out after a label that opens the message: "Publish please: …",
    # "Write to everybody: …", "Put this up publicly — '…'", "Share with all — …" (a verb
    # of posting, whom or how, then a colon, a dash or a quote; what follows is the post's)
    ("create_post", 9, POST_LABEL),
    # answering a member by name, the words after a colon: "Answer Anke: …", "reply to
    # Tomas: …" (the post is theirs: slots_social reads its author)
    (
        "comment_on_post",
        9,
        r"^\W*(?:(?:pls|please|ok|okay|now|and)\b[\s,]*)*(?:answer|reply to|respond to"
        r"|write back to|comment to) (?-i:[A-Z])[\w'-]+(?: (?-i:[A-Z])[\w'-]+)?\s*(?::|—|–)",
    ),
    ("get_feed", 7, r"\bfeed\b|\btimeline\b|\bwhat(?:'?s| is) new\b|\bcommunity\b"),
    ("get_feed", 7, r"\b(?:latest|recent|new|any) posts\b|\bposts (?:in|from)\b"),
    ("get_feed", 7, r"\bwhat(?:'s| is| are) (?:people|everyone|others|folks) (?:saying|posting)"),
    ("get_feed", 7, r"\bwhat'?s happening in\b|\b(?:show|see|read|check)\b.{0,30}\bposts\b"),
    # what a group's people write, shown: "show me what they post there"
    (
        "get_feed",
        7,
        r"\b(?:show|see|read|check|tell)\b.{0,15}\bwhat (?:they|people|everyone|folks|members"
        r"|others)\b.{0,10}\b(?:post|posts|share|shares|write|writes|say|says)\b",
    ),
    ("get_feed", 7, r"\b(?:latest|newest|news|updates?)\s+(?:from|in|on)\b"),
    ("get_feed", 7, r"\bwhat(?:'s| has| have| is| are)\b.{0,20}\b(?:been )?(?:posting|posted)\b"),
    (
        "get_feed",
        7,
        r"\bwhat(?:'s| has| have)? (?:been |people |everyone |folks )?(?:posted|shared)\b",
    ),
    ("list_groups", 7, rf"\b(?:{_ASK})\b.{{0,30}}\bgroups?\b"),
    ("list_groups", 7, rf"\b(?:{GROUPS}) (?:about|for|on)\b"),
    # "see if anyone in the X group has posted about roadworks"
    (
        "get_feed",
        7,
        r"\b(?:anyone|anybody|someone|somebody|people|folks|others)\b.{0,40}\b(?:has |have )?"
        r"(?:posted|posting|written|wrote|said anything|write|written anything)\b",
        # ("anyone shared one?" may be a place)
    ),
    # how one's own post was taken: "has my post about … got any comments?"
    (
        "get_feed",
        7,
        r"\b(?:my|our) (?:\w+ )?post\b.{0,60}\b(?:comments?|likes?|replies|responses?|reactions?"
        r"|answers?|views)\b",
    ),
]
