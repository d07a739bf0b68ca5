"""GIFT snippets for the GIFT tests, most of them the examples of Moodle's documentation."""

from __future__ import annotations

from pathlib import Path

from lms.content.gift import Question, parse_gift

QUIZZES = Path(__file__).resolve().parent / "gift_quizzes"

# The sample block at the top of Moodle's "GIFT format" documentation page.
MOODLE_DOC_SAMPLE = """\
// true/false
::Q1:: 1+1=2 {T}

// multiple choice with specified feedback for right and wrong answers
::Q2:: What's between orange and green in the spectrum?
{ =yellow # right; good! ~red # wrong, it's yellow ~blue # wrong, it's yellow }

// fill-in-the-blank
::Q3:: Two plus {=two =2} equals four.

// matching
::Q4:: Which animal eats which food? { =cat -> cat food =dog -> dog food }

// math range question
::Q5:: What is a number from 1 to 5? {#3:2}

// math range specified with interval end points
::Q6:: What is a number from 1 to 5? {#1..5}
// translated on import to the same as Q5, but unavailable from Moodle question interface

// multiple numeric answers with partial credit and feedback
::Q7:: When was Ulysses S. Grant born? {#
         =1822:0      # Correct! Full credit.
         =%50%1822:2  # He was born in 1822. Half credit for being close.
}

// essay
::Q8:: How are you? {}
"""

JESUS_MULTICHOICE = """\
::Jesus' hometown::Jesus Christ was from {
   ~Jerusalem#This was an important city, but the wrong answer.
   ~%25%Bethlehem#He was born here, but not raised here.
   ~%50%Galilee#You need to be more specific.
   =Nazareth#Yes! That's right!
}.
"""

JESUS_SHORTANSWER = """\
::Jesus' hometown:: Jesus Christ was from {
   =Nazareth#Yes! That's right!
   =%75%Nazereth#Right, but misspelled.
   =%25%Bethlehem#He was born here, but not raised here.
}
"""

GRANT_MULTIRESPONSE = """\
What two people are entombed in Grant's tomb? {
   ~%-100%No one
   ~%50%Grant
   ~%50%Grant's wife
   ~%-100%Grant's father
}
"""

MATCH_CAPITALS = """\
Match the following countries with their corresponding capitals. {
   =Canada -> Ottawa
   =Italy  -> Rome
   =Japan  -> Tokyo
   =India  -> New Delhi
   }
"""

# One question of every type, in both files of a translated quiz.
EVERY_TYPE = (QUIZZES / "sample.gift").read_text(encoding="utf-8")
EVERY_TYPE_ZH = (QUIZZES / "sample.zh.gift").read_text(encoding="utf-8")

HOSTILE = (
    '<script>alert(1)</script><img src=x onerror="alert(2)">'
    '<a href="javascript:alert(3)">x</a><svg onload="alert(4)"><circle/></svg>'
    '<style>body{display:none}</style><iframe src="https://evil"></iframe>'
    '<p style="x" onclick="alert(5)">p</p><a href=" JaVaScRiPt:alert(6)">y</a>'
)


def gift_escape(text: str) -> str:
    """Escape GIFT's special characters, written independently of the exporter."""
    for char in "\\~=#{}:":
        text = text.replace(char, "\\" + char)
    return text.replace("\n", "\\n")


HOSTILE_GIFT = gift_escape(HOSTILE)


def parse_one(text: str) -> Question:
    """Parse GIFT text holding exactly one question."""
    questions = parse_gift(text, "quiz.gift")
    assert len(questions) == 1
    return questions[0]
