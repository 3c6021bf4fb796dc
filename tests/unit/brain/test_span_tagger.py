"""The span-tagger experiment's pieces (scripts/brain_model/span_tagger.py, span_model.py):
aligning an expected value to the message's words, reading spans back from tags, the
packed artefact's bytes and what the plain-Python scorer reads from it."""

from __future__ import annotations

from pathlib import Path

from scripts.brain_model import lexicon as L
from scripts.brain_model.span_model import Tagger, spans, tokenize
from scripts.brain_model.span_tagger import Example, align, corpus_examples, pack, train


def test_align_marks_the_value_in_any_case() -> None:
    tags = align("driving from bendigo over to port fairy monday", "plan_trip",
                 {"origin": "Bendigo", "destination": "Port Fairy"})  # fmt: skip
    words = [t.text for t in tokenize("driving from bendigo over to port fairy monday")]
    assert tags is not None
    assert [w for w, t in zip(words, tags, strict=True) if t != "O"] == ["bendigo", "port", "fairy"]
    assert tags[words.index("port")] == "B-destination"
    assert tags[words.index("fairy")] == "I-destination"


def test_align_gives_up_when_the_value_is_not_the_users_words() -> None:
    # a respelt or expanded value teaches nothing about where the words are
    assert (
        align("hows the wx lookin in kalgoorlee", "weather_forecast", {"location": "Kalgoorlie"})
        is None
    )


def test_spans_reads_the_first_run_of_each_role() -> None:
    text = "post in the Bush Poets crew about Bush Poets night"
    tokens = tokenize(text)
    tags = ["O", "O", "O", "B-group", "I-group", "O", "O", "B-group", "I-group", "O"]
    assert spans(list(zip(tokens, tags, strict=True)), text) == {"group": "Bush Poets"}


def _examples() -> list[Example]:
    rows = [
        ("weather_forecast", "rain tomorrow in Mildura?", {"location": "Mildura"}),
        ("weather_forecast", "is it windy at Esperance", {"location": "Esperance"}),
        ("weather_forecast", "forecast for Swan Hill this week", {"location": "Swan Hill"}),
        ("join_group", "sign us up to Bush Poets", {"group": "Bush Poets"}),
        ("join_group", "let me into the Tinnie Fishers group", {"group": "Tinnie Fishers"}),
    ]
    out = []
    for tool, text, args in rows:
        tags = align(text, tool, args)
        assert tags is not None
        out.append(Example("test", text, text, tool, tags))
    return out


def test_same_examples_same_bytes(tmp_path: Path) -> None:
    first, second = pack(train(_examples())), pack(train(_examples()))
    assert first == second


def test_the_scorer_reads_back_what_it_was_trained_on(tmp_path: Path) -> None:
    path = tmp_path / "spans.bin.gz"
    path.write_bytes(pack(train(_examples())))
    tagger = Tagger(path)
    text = "forecast for Swan Hill this week"
    assert spans(tagger.tag(text, "weather_forecast"), text) == {"place": "Swan Hill"}
    text = "let me into the Tinnie Fishers group"
    assert spans(tagger.tag(text, "join_group"), text) == {"group": "Tinnie Fishers"}


def test_generated_examples_mark_the_filled_value() -> None:
    examples = corpus_examples()
    trips = [e for e in examples if e.tool == "plan_trip" and "B-destination" in e.tags]
    assert trips
    for example in trips[:50]:
        tokens = tokenize(example.text)
        start = example.tags.index("B-destination")
        end = start + 1
        while end < len(tokens) and example.tags[end] == "I-destination":
            end += 1
        assert example.text[tokens[start].start : tokens[end - 1].end] in L.TOWNS
