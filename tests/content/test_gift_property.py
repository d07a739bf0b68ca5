"""Generate random GIFT questions of every type and check dump -> parse gives the same data."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lms.content.gift import dump_gift, parse_gift
from lms.content.gift.weights import FRACTIONS, format_percent
from tests.content.gift_samples import gift_escape

PHP_SPACE = " \t\n\r\0\x0b"
ALPHABET = "abcXYZ 0189~=#{}:\\%[]<>*-_.,!?'\"&;/\n中文问题，：（）【】！"
FORMATS = ["moodle", "html", "plain", "markdown"]

texts = (
    st.text(ALPHABET, min_size=1, max_size=16).map(lambda text: text.strip(PHP_SPACE)).filter(bool)
)
# Inside short answers and matching items "->" would change the question type, as in Moodle.
no_arrow = texts.filter(lambda text: "->" not in text)
formats = st.sampled_from(FORMATS)
weights = st.sampled_from([format_percent(f) for f in FRACTIONS])
# Sets of positive weights that add up to 100%, for multiple response.
SPLITS = [["100"], ["50", "50"], ["33.33333"] * 3, ["25"] * 4, ["70", "30"], ["90", "10"]]
numbers = st.one_of(
    st.integers(-5000, 5000).map(float),
    st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
)


@st.composite
def formatted(draw, strategy=texts) -> str:
    """Write text with an explicit format prefix."""
    return f"[{draw(formats)}]{gift_escape(draw(strategy))}"


@st.composite
def feedback(draw) -> str:
    """Write optional ``#feedback``."""
    return "#" + draw(formatted()) if draw(st.booleans()) else ""


@st.composite
def choice_block(draw) -> str:
    """Write a single-answer multiple choice block."""
    items = [f"={draw(formatted())}{draw(feedback())}"]
    for _ in range(draw(st.integers(1, 4))):
        items.append(f"~%{draw(weights)}%{draw(formatted())}{draw(feedback())}")
    return " ".join(draw(st.permutations(items)))


@st.composite
def multi_block(draw) -> str:
    """Write a multiple response block whose positive weights add up to 100%."""
    items = [f"~%{w}%{draw(formatted())}{draw(feedback())}" for w in draw(st.sampled_from(SPLITS))]
    for _ in range(draw(st.integers(1 if len(items) == 1 else 0, 3))):
        weight = draw(st.sampled_from(["0", "-100", "-50", "-33.33333"]))
        items.append(f"~%{weight}%{draw(formatted())}{draw(feedback())}")
    return " ".join(draw(st.permutations(items)))


@st.composite
def truefalse_block(draw) -> str:
    """Write a true/false block with optional wrong and right feedback."""
    word = draw(st.sampled_from(["T", "TRUE", "F", "FALSE"]))
    wrong, right = draw(feedback()), draw(feedback())
    return word + (wrong or ("#" if right else "")) + right


@st.composite
def short_block(draw) -> str:
    """Write a short answer block with one answer at 100%."""
    plain, fb = PLAIN_ANSWER, SHORT_FEEDBACK
    items = [f"=%100%{draw(plain)}{draw(st.one_of(st.just(''), fb))}"]
    for _ in range(draw(st.integers(0, 3))):
        items.append(f"=%{draw(weights)}%{draw(plain)}{draw(st.one_of(st.just(''), fb))}")
    return " ".join(items)


@st.composite
def numerical_block(draw) -> str:
    """Write a numerical block with tolerances, ranges and wrong-answer feedback."""
    items = []
    for index in range(draw(st.integers(1, 3))):
        weight = "100" if index == 0 else draw(weights)
        low, high = sorted([draw(numbers), draw(numbers)])
        value = draw(
            st.sampled_from(
                [repr(low), f"{low!r}:{abs(high)!r}", f"{low!r}..{high!r}" if low != high else "0"]
            )
        )
        items.append(f"=%{weight}%{value}{draw(feedback())}")
    wrong = f" ~#{draw(formatted())}" if draw(st.booleans()) else ""
    return "#" + " ".join(items) + wrong


@st.composite
def matching_block(draw) -> str:
    """Write at least two pairs and maybe a lone wrong choice."""
    count = draw(st.integers(2, 4))
    pairs = [f"={draw(formatted(no_arrow))} -> {gift_escape(draw(texts))}" for _ in range(count)]
    if draw(st.booleans()):
        pairs.append(f"= -> {gift_escape(draw(texts))}")
    return " ".join(pairs)


PLAIN_ANSWER = no_arrow.map(lambda text: "[plain]" + gift_escape(text))
SHORT_FEEDBACK = formatted(no_arrow).map(lambda text: "#" + text)
IDENTS = st.text("abcXYZ019_.:-", min_size=1, max_size=12)
TAGS = st.lists(
    st.text("abz 09-中文", min_size=1, max_size=8).map(str.strip).filter(bool), max_size=3
)
BLOCKS = [choice_block(), multi_block(), truefalse_block(), short_block()]
BLOCKS += [numerical_block(), matching_block(), st.just("")]


@st.composite
def question(draw, number: int) -> str:
    """Write one question of any type with optional id, tags, title and general feedback."""
    lines = []
    if draw(st.booleans()):
        # The suffix keeps ids unique in the file and apart from the default "q<n>".
        ident = draw(IDENTS)
        lines.append(f"// [id:{ident}_{number}]")
    tags = draw(TAGS)
    if tags:
        lines.append("// " + " ".join(f"[tag:{tag}]" for tag in tags))
    title = f"::{gift_escape(draw(texts))}::" if draw(st.booleans()) else ""
    text = draw(formatted())
    if draw(st.integers(0, 7)) == 0:
        lines.append(title + text)
        return "\n".join(lines)
    block = draw(st.one_of(*BLOCKS))
    if draw(st.booleans()):
        block += f"####{draw(formatted())}"
    if draw(st.booleans()):
        after = gift_escape(draw(texts))
        lines.append(f"{title}{text} {{{block}}} {after}")
    else:
        lines.append(f"{title}{text} {{{block}}}")
    return "\n".join(lines)


@st.composite
def gift_file(draw) -> str:
    """Write a file of questions with category changes between them."""
    parts = []
    for number in range(draw(st.integers(1, 5))):
        item = draw(question(number))
        if draw(st.integers(0, 3)) == 0:
            category = gift_escape(draw(texts).replace("\n", " "))
            parts.append(f"$CATEGORY: {category}")
        parts.append(item)
    return "\n\n".join(parts)


@settings(
    max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(gift_file())
def test_random_questions_round_trip(text):
    questions = parse_gift(text, "random.gift")
    dumped = dump_gift(questions)
    again = parse_gift(dumped, "dumped.gift")
    assert [q.data for q in again] == [q.data for q in questions]
    assert [q.ident for q in again] == [q.ident for q in questions]
    assert dump_gift(again) == dumped
