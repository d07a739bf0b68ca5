"""Start a course in the browser and shape its outline; never commits.

A new course is a draft nobody but its trainers sees. Adding, moving and retiring
modules are drafts too: they wait in ``Module.pending`` and ``Module.draft_position``
for the course's next publish (:mod:`.publishing`), so learners never meet a
half-made outline. A course's details (titles, summaries, minutes, certificate,
review) take effect when saved, and are audited.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import func, select

from ..audit import record
from ..content.course_modules import LANGUAGES, slug_problem
from ..database import assign_changed
from ..extensions import db
from ..i18n import lazy_gettext as _l
from ..models import Course, CourseText, CourseTrainer, Module, ModuleDraft, ModuleDraftText, User
from .drafts import bump_draft_version, is_editable
from .services import AuthoringError

MAX_COURSE_MINUTES = 100_000


@dataclass(frozen=True)
class CourseDetails:
    """What the course form holds: texts per language and the course's settings."""

    default_language: str
    titles: dict[str, str]
    summaries: dict[str, str]
    minutes: int | None
    certificate: bool
    review_required: bool


# A module at one of these addresses would hide the course's pictures (images/<name>).
RESERVED_MODULE_SLUGS = frozenset({"images"})


def slug_from_title(title: str) -> str:
    """Suggest a slug from an English title: lowercase words joined by '-'."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_title.lower()))[:80].strip("-")


def _check_slug(slug: str, taken: bool) -> None:
    problem = slug_problem(slug)
    if problem:
        raise AuthoringError(
            "slug", _l("Use lowercase letters a-z, digits and single hyphens, up to 80.")
        )
    if taken:
        raise AuthoringError("slug", _l("This address is already used: choose another."))


def _check_details(details: CourseDetails) -> None:
    if details.default_language not in LANGUAGES:
        raise AuthoringError("default_language", _l("Choose English or Chinese."))
    if not details.titles.get(details.default_language, "").strip():
        raise AuthoringError(
            f"title_{details.default_language}", _l("Give the course a title in its main language.")
        )
    if details.minutes is not None and not 1 <= details.minutes <= MAX_COURSE_MINUTES:
        raise AuthoringError("minutes", _l("Enter the minutes as a whole number above 0."))


def _languages(details: CourseDetails) -> list[str]:
    """Return the course's languages: the main one first, then those given a title."""
    others = [code for code in LANGUAGES if code != details.default_language]
    return [details.default_language] + [
        code for code in others if details.titles.get(code, "").strip()
    ]


def create_course(slug: str, details: CourseDetails, author: User) -> Course:
    """Start a draft course at ``slug`` that ``author`` runs."""
    _check_slug(slug, db.session.scalar(select(Course.id).where(Course.slug == slug)) is not None)
    _check_details(details)
    course = Course(slug=slug, status="draft", version=1)
    db.session.add(course)
    _apply_details(course, details)
    add_runner(course, author)
    db.session.flush()
    record(author, "course.create", course, slug=slug)
    return course


def add_runner(course: Course, author: User) -> None:
    """Make ``author``, who started ``course``, one of its trainers."""
    course.trainers.append(CourseTrainer(user_id=author.id))


def update_course(course: Course, details: CourseDetails, author: User) -> list[str]:
    """Change ``course``'s details; return the names of those that changed."""
    _check_details(details)
    changed = _apply_details(course, details)
    if changed:
        db.session.flush()
        record(author, "course.update", course, changed=changed)
    return changed


def _apply_details(course: Course, details: CourseDetails) -> list[str]:
    languages = _languages(details)
    changed = []
    if assign_changed(
        course,
        default_language=details.default_language,
        languages=",".join(languages),
    ):
        changed.append("languages")
    for name in ("minutes", "certificate", "review_required"):
        if assign_changed(course, **{name: getattr(details, name)}):
            changed.append(name)
    existing = {text.language: text for text in course.texts}
    for language in languages:
        title = details.titles[language].strip()
        summary = details.summaries.get(language, "").strip()
        text = existing.pop(language, None)
        if text is None:
            course.texts.append(CourseText(language=language, title=title, summary=summary))
            changed.append(f"text_{language}")
        elif assign_changed(text, title=title, summary=summary):
            changed.append(f"text_{language}")
    for text in existing.values():
        course.texts.remove(text)
        changed.append(f"text_{text.language}")
    return changed


def outline(course: Course) -> list[Module]:
    """Return the modules the next publish will hold, in their coming order.

    Retired modules are left out; those about to be retired stay, marked by ``pending``.
    """
    modules = [module for module in course.modules if is_editable(module)]
    return sorted(modules, key=lambda m: (_place(m), m.id))


def _place(module: Module) -> int:
    return module.position if module.draft_position is None else module.draft_position


def add_module(course: Course, title: str, slug: str, author: User) -> Module:
    """Add a module to the end of ``course``'s outline, as a draft until the next publish."""
    title = title.strip()
    if not title:
        raise AuthoringError("title", _l("Give the module a title."))
    slug = slug.strip() or slug_from_title(title)
    if not slug:
        raise AuthoringError("slug", _l("Give the module an address in letters a-z and digits."))
    taken = db.session.scalar(
        select(Module.id).where(Module.course_id == course.id, Module.slug == slug)
    )
    _check_slug(slug, taken is not None)
    if slug in RESERVED_MODULE_SLUGS:
        raise AuthoringError(
            "slug", _l("This address is kept for the course's pictures: choose another.")
        )
    last = db.session.scalar(
        select(func.max(func.coalesce(Module.draft_position, Module.position))).where(
            Module.course_id == course.id
        )
    )
    position = (last or 0) + 1
    module = Module(
        course_id=course.id,
        slug=slug,
        stem=f"{position:02d}-{slug}",
        position=position,
        active=False,
        pending="add",
        revision=0,
    )
    db.session.add(module)
    db.session.flush()
    draft = ModuleDraft(module_id=module.id, minutes=10, base_revision=0, updated_by_id=author.id)
    draft.texts.append(
        ModuleDraftText(
            language=course.default_language, title=title, body_markdown="", body_html=""
        )
    )
    db.session.add(draft)
    bump_draft_version(course)
    db.session.flush()
    record(author, "module.add", module, slug=slug)
    return module


def move_module(module: Module, step: int, author: User) -> bool:
    """Move ``module`` one place up (``step`` -1) or down (+1); False at either end."""
    modules = outline(module.course)
    index = modules.index(module)
    other_index = index + step
    if step not in (-1, 1) or not 0 <= other_index < len(modules):
        return False
    modules[index], modules[other_index] = modules[other_index], modules[index]
    for place, each in enumerate(modules, start=1):
        each.draft_position = None if each.position == place else place
    bump_draft_version(module.course)
    db.session.flush()
    record(author, "module.reorder", module, step=step)
    return True


def retire_module(module: Module, author: User) -> str:
    """Take ``module`` out of the course; return "removed" or "retiring".

    A module never published is removed at once; a published one leaves at the next
    publish, and learners' progress in it is kept.
    """
    if module.pending == "add":
        course = module.course
        db.session.delete(module)
        bump_draft_version(course)
        record(author, "module.remove", course, slug=module.slug)
        db.session.flush()
        return "removed"
    if not module.active:
        raise AuthoringError("form", _l("This module has already left the course."))
    module.pending = "retire"
    bump_draft_version(module.course)
    record(author, "module.retire", module)
    db.session.flush()
    return "retiring"


def keep_module(module: Module, author: User) -> None:
    """Cancel ``module``'s coming retirement."""
    if module.pending == "retire":
        module.pending = None
        bump_draft_version(module.course)
        record(author, "module.keep", module)
        db.session.flush()


def working_title(module: Module, language: str) -> str:
    """Return ``module``'s coming title in ``language``; a new module has only its draft's."""
    return working_titles([module], language, module.course.default_language)[module.id]


def working_titles(modules: list[Module], language: str, default_language: str) -> dict[int, str]:
    """Return each module's coming title in ``language`` (else the default), by module id.

    A draft's title wins over the published one; both are read in one statement.
    """
    rows = db.session.execute(
        select(ModuleDraft.module_id, ModuleDraftText.language, ModuleDraftText.title)
        .join(ModuleDraftText, ModuleDraftText.draft_id == ModuleDraft.id)
        .where(ModuleDraft.module_id.in_([module.id for module in modules]))
    )
    drafted: dict[int, dict[str, str]] = {}
    for module_id, text_language, title in rows:
        drafted.setdefault(module_id, {})[text_language] = title
    titles = {}
    for module in modules:
        texts = drafted.get(module.id) or {text.language: text.title for text in module.texts}
        titles[module.id] = texts.get(language) or texts.get(default_language) or module.slug
    return titles
