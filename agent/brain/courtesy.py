"""The courtesies around a request: a greeting that opens the message ("Hey PAM!",
"Afternoon all,") and thanks, praise or a signature that closes it ("…, thanks so much",
"… - Jan"). They ask for nothing and name no title, place or item, so they are set aside
before a message is read, as a letter's greeting and signing off are (textutil.unletter).

Built as a small grammar (a greeting word, then whom it is said to, then a mark; a word
of thanks or praise, its intensifiers and whom it is said to, then an optional name), not
as a list of whole phrases, so a combination never seen is read the same way."""

from __future__ import annotations

import re

from tools.geo.gazetteer import gazetteer, name_key

_GREET = (
    r"(?:hi|hello|hallo|hullo|hey|heya|hiya|howdy|yo|ahoy|greetings|g'?day|gday"
    r"|(?:good\s+)?(?:morning|afternoon|evening|arvo)|good\s+day|top\s+of\s+the\s+morning)"
)
# Whom a greeting or thanks is said to: PAM, or anyone listening.
_TO = (
    r"(?:pam|mate|mates|all|y'?all|there|team|everyone|everybody|folks|love|darl|darling"
    r"|guys|friend|buddy|cobber|you|again|to you|ya)"
)
# A greeting opens only when a mark ends it, or when it names PAM: "Morning tea at 10"
# opens with no greeting.
_OPENER = re.compile(
    rf"^\s*{_GREET}(?:[\s,]+{_TO}){{0,2}}\s*(?:[,!.:;]+|\s[-–—]|(?<=pam)(?=\s))\s*(?=\S)",
    re.IGNORECASE,
)
_THANK = (
    r"(?:thanks|thank\s+you|thank\s+u|thankyou|thx|ty|ta|cheers|much\s+obliged|obliged"
    r"|(?:much\s+|greatly\s+|really\s+)?appreciated|appreciate\s+it|legend|you'?re\s+a\s+"
    r"(?:legend|star|gem|champ)|you\s+beauty|bless\s+you|good\s+on\s+ya|champion|lovely"
    r"|ta\s+muchly|many\s+thanks|with\s+thanks)"
)
_MORE = (
    r"(?:heaps|a\s+lot|a\s+bunch|a\s+million|so\s+much|very\s+much|muchly|in\s+advance"
    r"|again|kindly|for\s+that|for\s+this|as\s+always|x+|:\)|:-\)|" + _TO + ")"
)
# Thanks at the end, after a stop, a comma or a dash; then perhaps a name signed.
_CLOSING = re.compile(
    rf"(?:(?<=[,.!?;])|\s[-–—]|\n)\s*{_THANK}(?:[\s,]+(?:{_MORE}|{_THANK}))*[\s,.!]*"
    rf"(?:[-–—]?\s*[A-Z][a-z'-]+(?:\s+x+)?[\s.!]*)?$",
    re.IGNORECASE,
)
# A name signed alone after a dash: "… on Friday - Jan", "… – Marg x"; a town there is a
# value ("home base now - Dubbo").
_SIGNED = re.compile(
    r"\s[-–—]\s*(?P<name>[A-Z][a-z'-]+)(?P<more>\s+(?:x+|&\s+[A-Z][a-z'-]+))?[\s.!]*$"
)
CLOSING_TAIL = 80  # a closing is looked for in the message's last characters only


def set_aside(text: str) -> str:
    """The message without its opening greeting and closing thanks or signature, when
    words remain (a message of courtesy alone is read as it is: small talk)."""
    body = _OPENER.sub("", text, count=1)
    cut = max(0, len(body) - CLOSING_TAIL)
    tail = _CLOSING.sub("", body[cut:], count=1)
    signed = _SIGNED.search(tail)
    if signed and (signed["more"] or not gazetteer().lookup(name_key(signed["name"]))):
        tail = tail[: signed.start()]
    body = (body[:cut] + tail).rstrip(" ,;-–—")
    return body if re.search(r"[A-Za-z0-9]{2}", body) else text
