"""Pack a course as a ZIP of its folder and import such a ZIP back; never commits.

A course's ZIP holds ``courses/<slug>/...`` and ``quizzes/...`` as ``flask lms export``
writes them, in name order with one fixed timestamp, so an unchanged course packs to the
same bytes. It holds what learners read: drafts stay in the browser.

An uploaded ZIP is checked before anything leaves it (size, number of files, paths
inside ``courses/`` and ``quizzes/`` only, no links), unpacked into a temporary folder,
then validated as a whole and imported all or nothing, like ``flask lms import``: its
texts are *published* at once, as new revisions, and each course takes the status its
``course.yml`` gives. So an import may change only courses the importer runs, start
one only with the right to start courses, and never replaces the published texts of a
course that has unpublished changes (their drafts were written on those texts) or whose
changes are reviewed before publishing: it is refused, naming the course.
"""

from __future__ import annotations

import io
import stat
import tempfile
import zipfile
from pathlib import Path

from ..capabilities import can_create_courses, can_run_course
from ..content.curriculum import Curriculum, load_curriculum
from ..content.errors import ContentError, ContentInvalid
from ..curriculum.pictures import stored_picture_names
from ..curriculum.report import ImportReport
from ..curriculum.services import export_courses, import_curriculum
from ..extensions import db
from ..i18n import lazy_gettext as _l
from ..learn.services import course_by_slug
from ..models import Course, User
from .changes import pending_changes
from .course_setup import add_runner
from .services import AuthoringError

MAX_ZIP_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_FILES = 2000
FOLDERS = ("courses", "quizzes")
_PACKED_AT = (1980, 1, 1, 0, 0, 0)  # the earliest time a ZIP can hold: no clock in the bytes
# What file managers add when they pack a folder; never unpacked.
_LITTER = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})


class CourseZipError(AuthoringError):
    """Refuse an uploaded ZIP, with every reason: ``FILE:LINE: message`` where known."""

    def __init__(self, problems: list) -> None:
        """Keep the problems, the first one as the message of the upload field."""
        super().__init__("file", problems[0])
        self.problems = [str(problem) for problem in problems]


def course_zip(course: Course) -> bytes:
    """Return ``course`` and its quizzes as a ZIP in the ``courses/`` + ``quizzes/`` format."""
    with tempfile.TemporaryDirectory(prefix="lms-course-zip-") as folder:
        root = Path(folder)
        export_courses(root / "courses", [course.slug], root / "quizzes")
        return _pack(root)


def _pack(root: Path) -> bytes:
    """Zip every file under ``root`` in name order, each with the same time and mode."""
    files = sorted((path.relative_to(root).as_posix(), path) for path in root.rglob("*"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, path in files:
            if path.is_file():
                info = zipfile.ZipInfo(name, date_time=_PACKED_AT)
                info.compress_type, info.create_system = zipfile.ZIP_DEFLATED, 3
                info.external_attr = (stat.S_IFREG | 0o644) << 16
                archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def import_course_zip(data: bytes, importer: User) -> ImportReport:
    """Import the courses of the ZIP ``data`` for ``importer``, all or nothing.

    Raise :class:`CourseZipError` with every problem, having changed nothing.
    """
    with tempfile.TemporaryDirectory(prefix="lms-course-zip-") as folder:
        root = Path(folder)
        unpack(data, root)
        curriculum = load_unpacked(root)
        held = _check_rights(curriculum, importer)
        with db.session.begin_nested():
            try:
                report = import_curriculum(curriculum, author=importer)
            except ContentInvalid as invalid:  # a picture at odds with one already stored
                raise CourseZipError([_in_zip(error, root) for error in invalid.errors]) from None
            _refuse_overwrites(report, held)
            for slug in report.created:
                add_runner(course_by_slug(slug), importer)
            db.session.flush()
    return report


def unpack(data: bytes, root: Path) -> None:
    """Unpack the ZIP ``data`` into the empty folder ``root``, refusing anything unsafe."""
    if len(data) > MAX_ZIP_BYTES:
        raise CourseZipError([_l("The ZIP is larger than %(num)s MB.", num=MAX_ZIP_BYTES >> 20)])
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise CourseZipError(
            [_l("This is not a ZIP file. Choose the .zip file a course page downloads.")]
        ) from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_FILES:
            raise CourseZipError([_l("The ZIP holds more than %(num)s files.", num=MAX_FILES)])
        if sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
            raise CourseZipError(
                [_l("The ZIP unpacks to more than %(num)s MB.", num=MAX_UNPACKED_BYTES >> 20)]
            )
        checked = [(entry, _entry_parts(entry)) for entry in entries]
        problems = [parts for _entry, parts in checked if parts is not None and not _is_path(parts)]
        if problems:
            raise CourseZipError(problems)
        unpacked = 0
        for entry, parts in checked:
            if _is_path(parts) and not entry.is_dir():
                unpacked += _unpack_file(archive, entry, root.joinpath(*parts), unpacked)
    if not (root / "courses").is_dir():
        raise CourseZipError([_l("The ZIP holds no course: put its folder in courses/.")])


def _unpacks_too_large() -> CourseZipError:
    return CourseZipError(
        [_l("The ZIP unpacks to more than %(num)s MB.", num=MAX_UNPACKED_BYTES >> 20)]
    )


def _is_path(parts) -> bool:
    return isinstance(parts, tuple)


def _entry_parts(entry: zipfile.ZipInfo):
    """Return the parts of ``entry``'s path, None for litter, or the problem with it."""
    name = entry.filename
    parts = tuple(name.rstrip("/").split("/"))
    if name.startswith("/") or "\\" in name or "\0" in name or {"", ".", ".."} & set(parts):
        return _l("%(name)s: a path that leaves the ZIP's folders is not allowed.", name=name)
    if parts[0] == "__MACOSX" or parts[-1] in _LITTER:
        return None
    if stat.S_ISLNK(entry.external_attr >> 16):
        return _l("%(name)s: links are not allowed; put the file itself in the ZIP.", name=name)
    if entry.flag_bits & 0x1:
        return _l("%(name)s: the file is protected by a password.", name=name)
    if parts[0] not in FOLDERS:
        return _l("%(name)s: only the folders courses/ and quizzes/ may be in the ZIP.", name=name)
    if entry.is_dir():
        return parts
    if parts[0] == "courses" and len(parts) < 3:
        return _l("%(name)s: courses/ holds one folder per course, not files.", name=name)
    if parts[0] == "quizzes" and (len(parts) != 2 or not name.endswith(".gift")):
        return _l("%(name)s: quizzes/ holds only .gift files.", name=name)
    return parts


def _unpack_file(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, target: Path, so_far: int):
    """Write ``entry`` to ``target``; return its size, counted as read, not as declared."""
    written = 0
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(entry) as source, target.open("xb") as out:
            while chunk := source.read(1024 * 1024):
                written += len(chunk)
                if so_far + written > MAX_UNPACKED_BYTES:
                    raise CourseZipError(
                        [
                            _l(
                                "The ZIP unpacks to more than %(num)s MB.",
                                num=MAX_UNPACKED_BYTES >> 20,
                            )
                        ]
                    )
                out.write(chunk)
    except (FileExistsError, NotADirectoryError):
        raise CourseZipError([_l("%(name)s is in the ZIP twice.", name=entry.filename)]) from None
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError):
        message = _l(
            "%(name)s: the file is damaged or packed in a way that cannot be read.",
            name=entry.filename,
        )
        raise CourseZipError([message]) from None
    return written


def load_unpacked(root: Path) -> Curriculum:
    """Load the courses and quizzes unpacked under ``root``; problems name files in the ZIP."""
    folders = sorted(path for path in (root / "courses").iterdir() if path.is_dir())
    if not folders:
        raise CourseZipError([_l("The ZIP holds no course: put its folder in courses/.")])
    paths = [path for path in folders if (path / "course.yml").is_file()]
    errors = [
        ContentError(f"courses/{path.name}", None, "no course.yml in this course folder")
        for path in folders
        if path not in paths
    ]
    quizzes = root / "quizzes"
    if quizzes.is_dir() and any(quizzes.iterdir()):
        paths.append(quizzes)
    try:
        curriculum = load_curriculum(paths, stored_picture_names)
    except ContentInvalid as invalid:
        errors += invalid.errors
    if errors:
        raise CourseZipError([_in_zip(error, root) for error in errors])
    return curriculum


def _check_rights(curriculum: Curriculum, importer: User) -> dict[str, list[str]]:
    """Refuse courses ``importer`` may not change; return what each existing one holds back.

    A course held back has unpublished changes (the modules named) or reviewed changes
    (no module named): the import may leave it as it is, never change it.
    """
    problems, held = [], {}
    for source in curriculum.courses:
        course = course_by_slug(source.slug)
        if course is None:
            if not can_create_courses(importer):
                message = _l(
                    "The ZIP would start the course “%(slug)s”, and you may not start "
                    "courses: an admin can give you the right.",
                    slug=source.slug,
                )
                problems.append(message)
        elif not can_run_course(importer, course):
            message = _l(
                "The ZIP holds the course “%(slug)s”, which you do not run.", slug=source.slug
            )
            problems.append(message)
        elif course.review_required:
            held[source.slug] = []
        else:
            changes = pending_changes(course)
            if not changes.empty:
                held[source.slug] = _module_slugs(changes)
    if problems:
        raise CourseZipError(problems)
    return held


def _module_slugs(changes) -> list[str]:
    """Return the slugs of the modules a publish would change, each once, in outline order."""
    modules = changes.edited + changes.added + changes.retired + changes.moved + changes.quizzes
    return list(dict.fromkeys(module.slug for module in modules))


def _refuse_overwrites(report: ImportReport, held: dict[str, list[str]]) -> None:
    """Refuse the import if it changed a course that ``held`` holds back."""
    problems = []
    for slug in (slug for slug in report.updated if slug in held):
        if held[slug]:
            message = _l(
                "The course “%(slug)s” has changes that are not published yet, in: "
                "%(modules)s. Importing would replace the texts they were written on: "
                "publish or discard them first, then import the ZIP again.",
                slug=slug,
                modules=", ".join(held[slug]),
            )
        else:
            message = _l(
                "The course “%(slug)s” has its changes reviewed before publishing, which "
                "an import would skip: make them in the browser and ask for a review, or "
                "turn reviewing off in the course's details.",
                slug=slug,
            )
        problems.append(message)
    if problems:
        raise CourseZipError(problems)


def _in_zip(error: ContentError, root: Path) -> ContentError:
    """Return ``error`` with the temporary folder taken out of its path and message."""
    prefixes = {f"{root}/", f"{root.resolve()}/"}
    path, message = error.path, error.message
    for prefix in prefixes:
        path, message = path.replace(prefix, ""), message.replace(prefix, "")
    return ContentError(path, error.line, message)
