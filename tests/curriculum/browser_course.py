"""Make a course the way trainers do in the browser, through the authoring services."""

import io

from PIL import Image

from lms.authoring.course_setup import CourseDetails, add_module, create_course
from lms.authoring.drafts import ModuleInput, save_draft
from lms.authoring.gift_upload import plan_questions, replace_questions
from lms.authoring.images import store_image
from lms.authoring.publishing import publish_course
from lms.extensions import db
from lms.models import Course, Module, User
from tests.conftest import SAMPLE_GIFT_ZH

SLUG = "tea-online"
DRAFT_TEXT = "只在草稿里的文字。"


def png(size=(1400, 700), colour=(30, 120, 60)) -> bytes:
    """Return a PNG picture wider than phones are, so it gets a phone copy."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def write(module, trainer, texts, version, minutes=10):
    """Save ``texts`` (language → title, Markdown) as ``module``'s draft."""
    return save_draft(module, trainer, ModuleInput(minutes, True, texts, version))


def make_browser_course(trainer):
    """Start, write and publish a Chinese course with a picture and a quiz; return it.

    Its first module is in Chinese only, shows the picture and has the quiz; the second
    is in both languages. After the publish the second gets an unpublished draft and a
    third module is added that is never published.
    """
    details = CourseDetails(
        "zh", {"zh": "网上卖茶", "en": "Selling tea online"}, {}, None, True, False
    )
    course = create_course(SLUG, details, trainer)
    picture = store_image(course, trainer, png())
    shop = add_module(course, "开网店", "online-shop", trainer)
    body = f"开一个网店。\n\n![茶园](images/{picture.name})\n\n把茶卖给城里人。"
    write(shop, trainer, {"zh": ("开网店", body)}, version=1, minutes=12)
    replace_questions(shop, plan_questions(shop, SAMPLE_GIFT_ZH, "online-shop.gift"), trainer)
    pay = add_module(course, "收款", "payments", trainer)
    write(
        pay,
        trainer,
        {"zh": ("收款", "用手机收款。"), "en": ("Payments", "Take payment by phone.")},
        1,
    )
    publish_course(course, trainer, "First publish", course.draft_version)
    ids = course.id, pay.id, trainer.id
    db.session.commit()
    db.session.remove()  # the next request's session, as in the browser
    course, pay, trainer = (
        db.session.get(Course, ids[0]),
        db.session.get(Module, ids[1]),
        db.session.get(User, ids[2]),
    )
    write(pay, trainer, {"zh": ("收款", DRAFT_TEXT), "en": ("Payments", "Draft only.")}, 0)
    add_module(course, "草稿", "draft-only", trainer)
    db.session.commit()
    return course
