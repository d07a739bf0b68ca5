"""Show questions before submission without answers, read forms back, review and label."""

from __future__ import annotations

import json

import pytest

from lms.content.gift import QUESTION_TYPES, parse_gift
from tests.content.gift_samples import EVERY_TYPE, parse_one

SEED = 1234


def kind_of(question):
    return QUESTION_TYPES[question.qtype]


def feedback_texts(data) -> list[str]:
    """Collect every feedback source of a question's data."""
    found = []
    for value in data.values():
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("feedback"), dict):
                found.append(item["feedback"]["source"])
    for key in ("general_feedback", "feedback_true", "feedback_false", "wrong_feedback"):
        if data.get(key):
            found.append(data[key]["source"])
    return found


@pytest.mark.parametrize("question", parse_gift(EVERY_TYPE), ids=lambda q: q.qtype)
@pytest.mark.parametrize("shuffle", [False, True])
def test_public_view_reveals_no_answers(question, shuffle):
    view = kind_of(question).public_view(question.data, SEED, shuffle)
    serialized = json.dumps(view, ensure_ascii=False)
    assert "fraction" not in serialized
    assert "feedback" not in serialized
    for text in feedback_texts(question.data):
        assert text not in serialized
    assert view["ident"] == question.ident
    assert view["widget"] == kind_of(question).widget
    assert view["html"] == question.data["html"]
    keys = [o["key"] for o in view.get("options", []) + view.get("items", [])]
    keys += [c["key"] for c in view.get("choices", [])]
    assert all(key not in {str(i) for i in range(10)} for key in keys)
    if question.qtype == "numerical":
        assert "1997" not in serialized
    if question.qtype == "shortanswer":
        assert "safety net" not in serialized


def test_choice_options_are_keyed_opaquely_and_shuffled_per_seed():
    question = parse_one("Q {=right ~w1 ~w2 ~w3 ~w4 ~w5}")
    kind = kind_of(question)
    plain = kind.public_view(question.data, SEED, shuffle=False)["options"]
    assert [o["html"] for o in plain] == ["right", "w1", "w2", "w3", "w4", "w5"]
    assert all(len(o["key"]) == 10 and o["key"] not in "012345" for o in plain)
    orders = {
        tuple(o["html"] for o in kind.public_view(question.data, seed, True)["options"])
        for seed in range(20)
    }
    assert len(orders) > 5
    again = kind.public_view(question.data, SEED, True)
    assert again == kind.public_view(question.data, SEED, True)
    other_seed = kind.public_view(question.data, SEED + 1, False)["options"]
    assert [o["key"] for o in other_seed] != [o["key"] for o in plain]


def test_multichoice_form_round_trip_and_review():
    question = parse_one("Q {=right#Yes! ~%50%half#Half. ~wrong#No.####Read more.}")
    kind = kind_of(question)
    options = kind.public_view(question.data, SEED, True)["options"]
    half = next(o["key"] for o in options if o["html"] == "half")
    response = kind.read_response(question.data, SEED, {"q1": [half, "bogus"]}, "q1")
    assert response == 1
    assert kind.form_values(question.data, SEED, response) == {"checked": {half}}
    assert kind.read_response(question.data, SEED, {"q1": ["bogus"]}, "q1") is None
    assert kind.read_response(question.data, SEED, {}, "q1") is None
    assert kind.read_response(question.data, SEED, {"q1": half}, "q1") == 1
    assert kind.review(question.data, response) == {
        "response_html": "half",
        "correct": False,
        "right_answers_html": ["right"],
        "feedback_html": ["Half."],
        "general_feedback_html": "Read more.",
    }
    assert kind.describe_response(question.data, response) == "half"


def test_multiresponse_form_round_trip_and_review():
    question = parse_one("Q {~%50%<b>a</b>#fa ~%50%b ~%-100%c#fc}")
    kind = kind_of(question)
    keys = {o["html"]: o["key"] for o in kind.public_view(question.data, SEED, False)["options"]}
    form = {"q2": [keys["c"], keys["<b>a</b>"], keys["c"]]}
    response = kind.read_response(question.data, SEED, form, "q2")
    assert response == [0, 2]
    assert kind.form_values(question.data, SEED, response) == {
        "checked": {keys["c"], keys["<b>a</b>"]}
    }
    review = kind.review(question.data, response)
    assert review["feedback_html"] == ["fa", "fc"]
    assert review["right_answers_html"] == ["<b>a</b>", "b"]
    assert review["correct"] is False
    assert kind.describe_response(question.data, response) == "a; c"
    assert kind.read_response(question.data, SEED, {"q2": []}, "q2") is None


def test_truefalse_view_form_and_feedback():
    question = parse_one("Q {T#Wrong!#Right!}")
    kind = kind_of(question)
    view = kind.public_view(question.data, SEED, True)
    assert view["options"] == [{"key": "true", "html": "True"}, {"key": "false", "html": "False"}]
    response = kind.read_response(question.data, SEED, {"q": ["false"]}, "q")
    assert response is False
    assert kind.form_values(question.data, SEED, response) == {"checked": {"false"}}
    assert kind.form_values(question.data, SEED, None) == {"checked": set()}
    assert kind.review(question.data, False)["feedback_html"] == ["Wrong!"]
    assert kind.review(question.data, True)["feedback_html"] == ["Right!"]
    assert kind.review(question.data, True)["right_answers_html"] == ["True"]
    assert kind.describe_response(question.data, False) == "False"
    assert kind.read_response(question.data, SEED, {"q": ["maybe"]}, "q") is None


def test_shortanswer_text_limits_review_and_label():
    question = parse_one("Q {=Paris#Oui. =%50%Par*#Almost.}")
    kind = kind_of(question)
    assert kind.read_response(question.data, SEED, {"q": ["x" * 20_000]}, "q") == "x" * 10_000
    assert kind.read_response(question.data, SEED, {"q": ["  "]}, "q") is None
    response = kind.read_response(question.data, SEED, {"q": ["  <b>PARIS</b>  \n"]}, "q")
    review = kind.review(question.data, "  paRIS ")
    assert review["correct"] is True
    assert review["feedback_html"] == ["Oui."]
    assert review["right_answers_html"] == ["Paris"]
    assert kind.review(question.data, response)["response_html"] == (
        "  &lt;b&gt;PARIS&lt;/b&gt;  <br>\n"
    )
    assert kind.describe_response(question.data, "  PARIS   city ") == "paris city"
    assert kind.form_values(question.data, SEED, "Paris") == {"text": "Paris"}
    assert kind.form_values(question.data, SEED, None) == {"text": ""}


def test_numerical_review_and_label():
    question = parse_one("Q {#=3.14:0.01#Good. =%50%1..5#Roughly. ~#Pi is 3.14.}")
    kind = kind_of(question)
    assert kind.review(question.data, "3,14")["feedback_html"] == ["Good."]
    assert kind.review(question.data, "2")["feedback_html"] == ["Roughly."]
    assert kind.review(question.data, "9")["feedback_html"] == ["Pi is 3.14."]
    assert kind.review(question.data, None)["feedback_html"] == []
    assert kind.review(question.data, "9")["right_answers_html"] == ["3.14 ± 0.01"]
    assert kind.describe_response(question.data, " ３．１４ ") == "3.14"
    assert kind.describe_response(question.data, " a  b ") == "a b"
    assert kind.describe_response(question.data, "2.0") == "2"


def test_matching_view_form_and_review():
    question = parse_one("Match {=<i>Canada</i> -> Ottawa =Italy -> Rome = -> Paris}")
    kind = kind_of(question)
    view = kind.public_view(question.data, SEED, False)
    assert [i["html"] for i in view["items"]] == ["<i>Canada</i>", "Italy"]
    assert sorted(c["html"] for c in view["choices"]) == ["Ottawa", "Paris", "Rome"]
    choice = {c["html"]: c["key"] for c in view["choices"]}
    canada, italy = (i["key"] for i in view["items"])
    form = {f"q-{canada}": [choice["Ottawa"]], f"q-{italy}": [choice["Paris"]], "q-zz": ["x"]}
    response = kind.read_response(question.data, SEED, form, "q")
    assert response == {"0": 0, "1": 2}
    assert kind.form_values(question.data, SEED, response) == {
        "selected": {canada: choice["Ottawa"], italy: choice["Paris"]}
    }
    assert kind.grade(question.data, response) == 0.5
    assert kind.describe_response(question.data, response) == "Canada → Ottawa; Italy → Paris"
    review = kind.review(question.data, response)
    assert review["response_html"] == "Canada → Ottawa<br>Italy → Paris"
    assert review["right_answers_html"] == ["Canada → Ottawa", "Italy → Rome"]
    assert kind.read_response(question.data, SEED, {}, "q") is None


def test_matching_choices_always_shuffled():
    text = "Match {" + " ".join(f"=i{n} -> a{n}" for n in range(6)) + "}"
    question = parse_one(text)
    kind = kind_of(question)
    orders = {
        tuple(c["html"] for c in kind.public_view(question.data, seed, False)["choices"])
        for seed in range(10)
    }
    assert len(orders) > 3


def test_essay_and_description():
    essay = parse_one("Essay {####Model answer.}")
    kind = kind_of(essay)
    assert kind.public_view(essay.data, SEED, False)["widget"] == "essay"
    response = kind.read_response(essay.data, SEED, {"q": ["Line 1\n<script>x</script>"]}, "q")
    review = kind.review(essay.data, response)
    assert review["correct"] is None
    assert review["response_html"] == "Line 1<br>\n&lt;script&gt;x&lt;/script&gt;"
    assert review["general_feedback_html"] == "Model answer."
    assert kind.form_values(essay.data, SEED, response) == {"text": response}
    description = parse_one("Read this first.")
    kind = kind_of(description)
    assert kind.public_view(description.data, SEED, True)["widget"] == "none"
    assert kind.read_response(description.data, SEED, {"q": ["x"]}, "q") is None
    assert kind.review(description.data, None)["correct"] is None


def test_missing_word_view_shows_the_blank():
    question = parse_one("The sky is {=blue ~green} today.")
    view = kind_of(question).public_view(question.data, SEED, False)
    assert view["html"] == "The sky is _____ today."
    assert view["blank"] is True


def test_form_may_be_a_multidict():
    from werkzeug.datastructures import MultiDict

    question = parse_one("Q {~%50%a ~%50%b ~c}")
    kind = kind_of(question)
    keys = [o["key"] for o in kind.public_view(question.data, SEED, False)["options"]]
    form = MultiDict([("q", keys[1]), ("q", keys[0])])
    assert kind.read_response(question.data, SEED, form, "q") == [0, 1]
