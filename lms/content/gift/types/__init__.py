"""Register every question type; each lives in its own module.

Adding a type means writing its module and importing it here.
"""

from lms.content.gift.types import (  # noqa: F401  (imported to register the types)
    description,
    essay,
    matching,
    multichoice,
    multiresponse,
    numerical,
    shortanswer,
    truefalse,
)
from lms.content.gift.types.base import Block, QuestionType
from lms.content.gift.types.registry import QUESTION_TYPES, detect, register

__all__ = ["QUESTION_TYPES", "Block", "QuestionType", "detect", "register"]
