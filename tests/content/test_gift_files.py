"""Load GIFT files from disk and check translations against their original."""

from __future__ import annotations

import pytest

from lms.content.errors import ContentInvalid
from lms.content.gift import check_translation, load_gift_file, parse_gift
from tests.content.gift_samples import EVERY_TYPE, EVERY_TYPE_ZH, QUIZZES


def test_sample_quiz_files_load_and_match():
    default = load_gift_file(QUIZZES / "sample.gift")
    chinese = load_gift_file(QUIZZES / "sample.zh.gift", "quizzes/sample.zh.gift")
    assert len(default) == len(chinese) == 9
    assert check_translation(default, chinese, "quizzes/sample.zh.gift") == []


def test_load_reads_byte_order_mark(tmp_path):
    path = tmp_path / "bom.gift"
    path.write_bytes("\ufeff问题 {T}\r\n".encode())
    assert load_gift_file(path)[0].data["text"]["source"] == "问题"


def test_load_errors_use_the_display_path(tmp_path):
    path = tmp_path / "bad.gift"
    path.write_text("Q {T}\n\nR {#x}\n", encoding="utf-8")
    with pytest.raises(ContentInvalid) as raised:
        load_gift_file(path, "quizzes/bad.gift")
    assert [str(e) for e in raised.value.errors] == [
        'quizzes/bad.gift:3: numerical answer "x" is not a number'
    ]
    with pytest.raises(ContentInvalid, match=str(path)):
        load_gift_file(path)


def test_load_rejects_undecodable_bytes_with_line(tmp_path):
    path = tmp_path / "latin1.gift"
    path.write_bytes(b"Q {T}\n\nCaf\xe9 {T}\n")
    with pytest.raises(ContentInvalid) as raised:
        load_gift_file(path, "quizzes/latin1.gift")
    assert [str(e) for e in raised.value.errors] == [
        "quizzes/latin1.gift:3: not valid UTF-8 (byte 0xe9)"
    ]


def test_load_rejects_files_over_one_megabyte(tmp_path):
    path = tmp_path / "big.gift"
    path.write_bytes(b"Q {T}\n\n" + b"x" * (1024 * 1024))
    with pytest.raises(ContentInvalid, match="larger than 1 MB"):
        load_gift_file(path, "quizzes/big.gift")


def translation_errors(default: str, other: str) -> list[str]:
    errors = check_translation(parse_gift(default), parse_gift(other), "quizzes/x.zh.gift")
    return [str(error) for error in errors]


def test_translation_may_change_every_text():
    original = (
        "::A::Who? {=me#yes ~you####gf}\n\nSky {=blue ~red} today.\n\nMatch {=a -> b =c -> d}"
    )
    chinese = (
        "::甲::谁？{=我#是 ~你####说明}\n\n天空是{=蓝色 ~红色}的。\n\n配对{=甲 -> 乙 =丙 -> 丁}"
    )
    assert translation_errors(original, chinese) == []


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        (
            "A {=x ~y ~z}\n\nB {T}",
            'quizzes/x.zh.gift:1: question "q1" has 3 answers here but 2 in the original',
        ),
        (
            "A {=x ~%50%y}\n\nB {T}",
            'quizzes/x.zh.gift:1: question "q1" has other weights or values than the original',
        ),
        (
            "A {=x ~y}\n\nB {F}",
            'quizzes/x.zh.gift:3: question "q2" has other weights or values than the original',
        ),
        (
            "A {=x =y}\n\nB {T}",
            'quizzes/x.zh.gift:1: question "q1" is shortanswer here'
            " but multichoice in the original",
        ),
        (
            "A {=x ~y} end\n\nB {T}",
            'quizzes/x.zh.gift:1: question "q1" must have its answer block in the same place',
        ),
        ("A {=x ~y}", 'quizzes/x.zh.gift: question "q2" is missing'),
        (
            "A {=x ~y}\n\nB {T}\n\nC {T}",
            'quizzes/x.zh.gift:5: question "q3" is not in the original',
        ),
    ],
)
def test_translation_problems(other, expected):
    assert translation_errors("A {=x ~y}\n\nB {T}", other) == [expected]


def test_translation_order_and_ids():
    original = "// [id:a]\nA {T}\n\n// [id:b]\nB {T}"
    swapped = "// [id:b]\nB {T}\n\n// [id:a]\nA {T}"
    assert translation_errors(original, swapped) == [
        'quizzes/x.zh.gift:2: question "b" is out of order (expected "a")',
        'quizzes/x.zh.gift:5: question "a" is out of order (expected "b")',
    ]


def test_translation_extra_question_does_not_shift_the_order():
    assert translation_errors(
        "A {T}\n\nB {T}", "// [id:x]\nX {T}\n\n// [id:q1]\nA {T}\n\n// [id:q2]\nB {T}"
    ) == ['quizzes/x.zh.gift:2: question "x" is not in the original']


def test_translation_numerical_values_must_match():
    errors = translation_errors("N {#3.14:0.01}", "N {#3.14:0.02}")
    assert errors == [
        'quizzes/x.zh.gift:1: question "q1" has other weights or values than the original'
    ]
    assert translation_errors("N {#1..5}", "N {#3:2}") != []


def test_translation_matching_pairs_and_distractors():
    original = "M {=a -> x =b -> y = -> z}"
    assert translation_errors(original, "M {=甲 -> 一 =乙 -> 二 = -> 三}") == []
    assert translation_errors(original, "M {=甲 -> 一 =乙 -> 一 = -> 三}") != []
    assert translation_errors(original, "M {=甲 -> 一 =乙 -> 二}") == [
        'quizzes/x.zh.gift:1: question "q1" has 2 pairs here but 3 in the original'
    ]


def test_full_sample_translation_checks_clean():
    assert check_translation(parse_gift(EVERY_TYPE), parse_gift(EVERY_TYPE_ZH), "zh") == []
