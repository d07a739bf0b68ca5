"""Write parsed questions back as GIFT and read them again to the same data."""

from __future__ import annotations

import pytest

from lms.content.gift import dump_gift, parse_gift, question_from_data
from tests.content.gift_samples import (
    EVERY_TYPE,
    EVERY_TYPE_ZH,
    GRANT_MULTIRESPONSE,
    HOSTILE_GIFT,
    JESUS_MULTICHOICE,
    JESUS_SHORTANSWER,
    MATCH_CAPITALS,
    MOODLE_DOC_SAMPLE,
)


def round_trip(text: str) -> str:
    """Parse, dump and parse again; check the data is unchanged and return the dump."""
    questions = parse_gift(text, "in.gift")
    dumped = dump_gift(questions)
    again = parse_gift(dumped, "out.gift")
    assert [q.data for q in again] == [q.data for q in questions]
    assert [(q.ident, q.qtype, q.title, q.category, q.tags) for q in again] == [
        (q.ident, q.qtype, q.title, q.category, q.tags) for q in questions
    ]
    return dumped


@pytest.mark.parametrize(
    "text",
    [
        MOODLE_DOC_SAMPLE,
        JESUS_MULTICHOICE,
        JESUS_SHORTANSWER,
        GRANT_MULTIRESPONSE,
        MATCH_CAPITALS,
        EVERY_TYPE,
        EVERY_TYPE_ZH,
    ],
)
def test_samples_round_trip(text):
    round_trip(text)


@pytest.mark.parametrize(
    "text",
    [
        # Escapes in title, text, answers, feedback and general feedback.
        r"::a\:b \{c\}::x \= y \~ z \# w \\ v\nnext {=a\:\{\} \#1#f\~b ~c\=d####g\#h\nj}",
        # Formats on every part, including a text that looks like a prefix.
        "[html]<b>Q</b> {=[markdown]*a*#[plain]<x> ~[moodle]b####[markdown]**gf**}",
        "[moodle][html]not a prefix {T}",
        "[plain][x] {=[plain][html]typed#fb}",
        # Text starting with // must not become a comment.
        "[moodle]// not a comment {T}",
        # Missing word in every position and type.
        "{=Two =2} plus two equals four.",
        "Grant is {~buried =entombed ~living} in Grant's tomb.",
        "It is {T} that two and two make four.",
        "Pi is about {#3.14:0.01} isn't it?",
        "Pair {=a -> b =c -> d} in text.",
        "Write {} words.",
        # Feedback on true/false: only right, only wrong, both.
        "Q {T##right only}",
        "Q {F#wrong only}",
        "Q {FALSE#wrong#right####general}",
        # Numbers.
        "Q {#=1e-05:1.5e-06 =%50%-3..-1.25 ~#no}",
        "Q {#0.1:0}",
        # Answer text starting with a percent sign.
        "Q {=a ~%0%%b ~c}",
        "Q {=%100%%sure =%50%%half}",
        # Categories, tags and ids.
        "$CATEGORY: a\\\\b/c\n\n// [id:x.y:z-1] [tag:one] [tag:t\\]wo]\nQ {T}"
        "\n\n$CATEGORY: d\n\nR {F}",
        # Chinese.
        "::问题::中文（全角）：{=对#很好！ ~错####说明。}",
        # Hostile HTML is kept as source, so the author's text survives.
        f"[html]{HOSTILE_GIFT} {{=[html]{HOSTILE_GIFT}#[html]{HOSTILE_GIFT} ~b"
        f"####[html]{HOSTILE_GIFT}}}",
    ],
)
def test_features_round_trip(text):
    round_trip(text)


def test_dump_shape_is_what_moodle_reads():
    dumped = dump_gift(parse_gift("$CATEGORY: c\n\n// [id:a] [tag:t]\n::T::Q {=a#fb ~b####gf}"))
    assert dumped == (
        "$CATEGORY: c\n\n// [id:a]\n// [tag:t]\n::T::Q {\n\t=a#fb\n\t~b\n\t####gf\n}\n"
    )


def test_dump_keeps_missing_word_blocks_inline():
    dumped = dump_gift(parse_gift("The sky is {=blue ~green} today."))
    assert dumped == "// [id:q1]\nThe sky is {=blue ~green} today.\n"


def test_dump_of_question_from_data():
    questions = parse_gift(EVERY_TYPE)
    rebuilt = [question_from_data(q.data) for q in questions]
    assert dump_gift(rebuilt) == dump_gift(questions)


def test_dump_of_nothing_is_empty():
    assert dump_gift([]) == ""


def test_dump_refuses_to_drop_a_category():
    questions = parse_gift("$CATEGORY: c\n\nA {T}") + parse_gift("B {T}")
    with pytest.raises(ValueError, match="no category"):
        dump_gift(questions)
