"""A course as a ZIP: downloaded the same every time, imported back all or nothing."""

import io
import stat
import zipfile

import pytest
from flask_migrate import upgrade
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from lms.app import MIGRATIONS_DIR, create_app
from lms.authoring import course_zip
from lms.extensions import db
from lms.models import Course, CourseImage, ModuleDraft, ModuleRevision, Role, User
from tests.authoring.test_module_editor import form_of, save, texts
from tests.conftest import (
    STAFF_PAGE_STATUS,
    RequestContextClient,
    _hash,
    app_config,
    csrf_token,
    login,
)

IMPORT = "/manage/courses/import"
DOWNLOAD = "/manage/courses/spo-principles/download.zip"
MODULE_FILE = "courses/spo-principles/01-what-is-an-spo.md"


def download(client, path=DOWNLOAD) -> bytes:
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return response.data


def upload(client, data: bytes, filename="spo-principles-v1.zip", **fields):
    """Press Import with ``data`` as the file, the body built in memory (no temp file)."""
    form = {"csrf_token": csrf_token(client, IMPORT), **fields}
    form["file"] = FileStorage(io.BytesIO(data), filename=filename)
    boundary, body = encode_multipart(form)
    return client.post(IMPORT, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def files_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zip_of(files: dict, links=()) -> bytes:
    """Pack ``files`` (name → bytes or text) as a ZIP; ``links`` are made symbolic links."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            info = zipfile.ZipInfo(name)
            if name in links:
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, content)
    return buffer.getvalue()


def edited(data: bytes, name=MODULE_FILE, change=lambda text: text + "\nA new paragraph.\n"):
    files = files_of(data)
    files[name] = change(files[name].decode()).encode()
    return zip_of(files)


def state() -> list:
    """What an import could change: every module's revision and texts, and the courses."""
    courses = db.session.scalars(db.select(Course).order_by(Course.slug)).all()
    return [
        (course.slug, course.version, course.status, [row.user_id for row in course.trainers])
        + tuple(
            (module.slug, module.revision, module.active, [t.body_markdown for t in module.texts])
            for module in course.modules
        )
        for course in courses
    ] + [db.session.scalar(db.select(db.func.count(ModuleRevision.id)))]


def shown(response) -> str:
    return response.get_data(as_text=True).replace("&#34;", '"').replace("&#39;", "'")


@pytest.fixture
def course(people, imported_course, make_quiz):
    make_quiz(imported_course.modules[0])
    return imported_course


def test_the_download_is_the_course_folder_and_its_quizzes_the_same_each_time(
    client, people, course
):
    login(client, people["runner"])
    response = client.get(DOWNLOAD)
    assert response.mimetype == "application/zip"
    disposition = response.headers["Content-Disposition"]
    assert disposition == f'attachment; filename="spo-principles-v{course.version}.zip"'
    names = set(files_of(response.data))
    assert "courses/spo-principles/course.yml" in names
    assert MODULE_FILE in names and MODULE_FILE.replace(".md", ".zh.md") in names
    assert {"quizzes/test.gift"} <= names
    assert all(name.split("/")[0] in {"courses", "quizzes"} for name in names)
    assert download(client) == response.data


def test_the_course_page_offers_the_download_and_the_list_the_import(client, people, course):
    login(client, people["runner"])
    assert DOWNLOAD in client.get("/manage/courses/spo-principles").get_data(as_text=True)
    assert IMPORT in client.get("/manage/").get_data(as_text=True)


@pytest.mark.parametrize("role", list(STAFF_PAGE_STATUS))
def test_only_those_who_run_the_course_may_download_it(client, people, course, role):
    if role != "anonymous":
        login(client, people[role])
    assert client.get(DOWNLOAD).status_code == STAFF_PAGE_STATUS[role]


def test_an_unknown_course_has_no_zip(client, people, course):
    login(client, people["admin"])
    assert client.get("/manage/courses/no-such-course/download.zip").status_code == 404


# Any trainer may open the import page: a ZIP can only change the courses they run.
IMPORT_PAGE_STATUS = {**STAFF_PAGE_STATUS, "trainer": 200}


@pytest.mark.parametrize("role", list(IMPORT_PAGE_STATUS))
def test_the_import_page_is_for_trainers_and_admins(client, people, course, role):
    if role != "anonymous":
        login(client, people[role])
    status = IMPORT_PAGE_STATUS[role]
    response = client.get(IMPORT)
    assert response.status_code == status
    if status == 200:
        page = response.get_data(as_text=True)
        assert 'name="csrf_token"' in page and 'enctype="multipart/form-data"' in page


def test_an_import_without_the_form_token_changes_nothing(client, people, course):
    login(client, people["runner"])
    data = edited(download(client))
    before = state()
    form = {"file": FileStorage(io.BytesIO(data), filename="course.zip")}
    boundary, body = encode_multipart(form)
    response = client.post(
        IMPORT, data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code == 422
    assert "This form had expired" in response.get_data(as_text=True)
    assert state() == before


def test_an_edited_zip_publishes_its_changes_as_revisions(client, people, course):
    login(client, people["runner"])
    response = upload(client, edited(download(client)))
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/manage/courses/spo-principles")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Modules added: 0, revised: 1" in page
    module = course.modules[0]
    db.session.refresh(module)
    assert texts(module)[1].endswith("A new paragraph.")
    revision = db.session.scalars(
        db.select(ModuleRevision)
        .where(ModuleRevision.module_id == module.id)
        .order_by(ModuleRevision.revision.desc())
    ).first()
    assert (revision.source, revision.author_id) == ("import", people["runner"].id)


def test_an_unchanged_zip_changes_nothing(client, people, course):
    login(client, people["runner"])
    data = download(client)
    before = state()
    response = upload(client, data)
    assert response.status_code == 302
    assert "nothing was changed" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert state() == before


@pytest.fixture
def empty_academy(tmp_path):
    """A second academy with its own database and nothing in it but an admin."""
    second = create_app(app_config(f"sqlite:///{tmp_path / 'second.sqlite'}"))
    second.test_client_class = RequestContextClient
    with second.app_context():
        upgrade(directory=str(MIGRATIONS_DIR))
        db.session.add(
            User(
                email="admin@second.example",
                name="Second Admin",
                role=Role.ADMIN,
                password_hash=_hash("correct horse battery"),
            )
        )
        db.session.commit()
    yield second
    with second.app_context():
        db.session.remove()
        for engine in db.engines.values():
            engine.dispose()


def described(slug: str) -> tuple:
    """Return what learners get of course ``slug``: texts, modules, bodies and questions."""
    course = db.session.scalar(db.select(Course).where(Course.slug == slug))
    return (
        course.status,
        course.version,
        sorted((text.language, text.title, text.summary) for text in course.texts),
        [
            (
                module.slug,
                module.position,
                module.minutes,
                module.quiz and (module.quiz.pass_mark, module.quiz.review, module.quiz.layout),
                sorted((t.language, t.title, t.body_markdown, t.body_html) for t in module.texts),
                module.quiz and [(q.ident, q.qtype, q.data) for q in module.quiz.active_questions],
            )
            for module in course.modules
        ],
    )


def test_a_downloaded_course_imports_into_an_empty_academy_unchanged(
    client, people, course, empty_academy
):
    login(client, people["runner"])
    data = download(client)
    original = described("spo-principles")
    second = empty_academy.test_client()
    with empty_academy.app_context():
        admin = db.session.scalar(db.select(User))
        login(second, admin)
        response = upload(second, data)
        assert response.status_code == 302, shown(response)
        assert described("spo-principles") == original
        assert download(second) == data
        new = db.session.scalar(db.select(Course).where(Course.slug == "spo-principles"))
        assert [row.user_id for row in new.trainers] == [admin.id]


def test_a_trainer_who_may_start_courses_imports_a_new_one_and_runs_it(
    client, people, course, make_user
):
    login(client, people["runner"])
    renamed = edited(
        download(client),
        "courses/spo-principles/course.yml",
        lambda text: text.replace("slug: spo-principles", "slug: tea-basics"),
    )
    creator = make_user(Role.TRAINER, creates_courses=True)
    login(client, creator)
    response = upload(client, renamed)
    assert response.status_code == 302, shown(response)
    new = db.session.scalar(db.select(Course).where(Course.slug == "tea-basics"))
    assert [row.user_id for row in new.trainers] == [creator.id]
    assert len(new.modules) == len(course.modules)


def refused(client, data, *messages, filename="course.zip"):
    """Upload ``data``; check it is refused with ``messages`` shown and nothing changed."""
    before = state()
    response = upload(client, data, filename=filename)
    page = shown(response)
    assert response.status_code == 422
    assert "so nothing was imported" in page
    for message in messages:
        assert message in page
    assert "lms-course-zip" not in page  # no temporary folder named
    db.session.expire_all()
    assert state() == before
    return page


def test_a_file_that_is_not_a_zip_is_refused(client, people, course):
    login(client, people["runner"])
    refused(client, b"%PDF-1.7 not a zip", "This is not a ZIP file")


@pytest.mark.parametrize(
    "name,message",
    [
        ("courses/../../evil.md", "a path that leaves the ZIP&#39;s folders"),
        ("/etc/cron.d/evil", "a path that leaves"),
        ("courses\\..\\evil.md", "a path that leaves"),
        ("notes.txt", "only the folders courses/ and quizzes/"),
        ("courses/glossary.yml", "courses/ holds one folder per course"),
        ("quizzes/readme.txt", "quizzes/ holds only .gift files"),
    ],
)
def test_paths_outside_the_two_folders_are_refused(client, people, course, name, message):
    login(client, people["runner"])
    data = zip_of({**files_of(download(client)), name: b"x"})
    refused(client, data, name, message.replace("&#39;", "'"))


def test_a_symbolic_link_is_refused(client, people, course):
    login(client, people["runner"])
    files = {**files_of(download(client)), "courses/spo-principles/images/a.png": "/etc/passwd"}
    data = zip_of(files, links={"courses/spo-principles/images/a.png"})
    refused(client, data, "links are not allowed")


def test_oversized_zips_are_refused(client, people, course, monkeypatch):
    login(client, people["runner"])
    data = download(client)
    bomb = zip_of({**files_of(data), "courses/spo-principles/big.md": b"\0" * (8 << 20)})
    monkeypatch.setattr(course_zip, "MAX_UNPACKED_BYTES", 4 << 20)
    refused(client, bomb, "The ZIP unpacks to more than 4 MB")
    monkeypatch.setattr(course_zip, "MAX_ZIP_BYTES", len(data) - 1)
    refused(client, data, "The ZIP is larger than")
    monkeypatch.setattr(course_zip, "MAX_ZIP_BYTES", len(bomb) + 1)
    monkeypatch.setattr(course_zip, "MAX_FILES", 3)
    refused(client, data, "The ZIP holds more than 3 files")


def test_an_error_in_a_module_is_shown_at_its_file_and_line(client, people, course):
    login(client, people["runner"])
    data = edited(
        download(client), change=lambda text: text.replace("minutes:", "minutes: lots #", 1)
    )
    page = refused(client, data)
    assert f"{MODULE_FILE}:3: 'minutes' must be a whole number" in page


def test_a_zip_with_a_course_the_trainer_does_not_run_is_refused(client, people, course):
    login(client, people["runner"])
    data = edited(download(client))
    login(client, people["trainer"])
    refused(client, data, "The ZIP holds the course “spo-principles”, which you do not run.")


def test_a_new_course_needs_the_right_to_start_courses(client, people, course):
    login(client, people["runner"])
    data = edited(
        download(client),
        "courses/spo-principles/course.yml",
        lambda text: text.replace("slug: spo-principles", "slug: tea-basics"),
    )
    refused(client, data, "“tea-basics”, and you may not start courses")


def test_an_import_never_replaces_texts_that_drafts_were_written_on(client, people, course):
    login(client, people["runner"])
    data = download(client)
    module = course.modules[1]
    _page, fields = form_of(client, module)
    title, body = texts(module)
    save(client, module, fields, en=(title, body + "\n\nMy draft."), zh=texts(module, "zh"))
    assert upload(client, data).status_code == 302  # unchanged: nothing to overwrite
    page = refused(client, edited(data), "has changes that are not published yet, in: ")
    assert module.slug in page
    draft = db.session.scalar(db.select(ModuleDraft).where(ModuleDraft.module_id == module.id))
    assert draft.text("en").body_markdown.endswith("My draft.")


def test_a_reviewed_course_is_not_changed_by_an_import(client, people, course):
    course.review_required = True
    db.session.commit()
    login(client, people["runner"])
    refused(client, edited(download(client)), "has its changes reviewed before publishing")


def test_what_file_managers_add_when_zipping_is_left_out(client, people, course):
    login(client, people["runner"])
    files = files_of(edited(download(client)))
    files |= {"__MACOSX/courses/._course.yml": b"\0", "courses/spo-principles/.DS_Store": b"\0"}
    assert upload(client, zip_of(files)).status_code == 302


def test_a_course_folder_without_course_yml_is_refused(client, people, course):
    login(client, people["runner"])
    files = {**files_of(edited(download(client))), "courses/tea-basics/01-intro.md": b"# Hi"}
    refused(client, zip_of(files), "courses/tea-basics: no course.yml in this course folder")


def test_a_course_with_a_picture_takes_it_along_and_back(client, people, course, empty_academy):
    from tests.authoring.test_images import PICTURE, picture, textarea
    from tests.authoring.test_images import upload as upload_picture
    from tests.authoring.test_publishing import publish

    module = course.modules[0]
    login(client, people["runner"])
    page = upload_picture(client, module, picture("PNG", (640, 480))).get_data(as_text=True)
    name = PICTURE.search(textarea(page, "en")).group(2)
    _page, fields = form_of(client, module)
    save(
        client, module, fields, en=(texts(module)[0], textarea(page, "en")), zh=texts(module, "zh")
    )
    assert publish(client, note="A picture of the garden").status_code == 302
    data = download(client)
    stored = db.session.scalar(db.select(CourseImage).where(CourseImage.name == name)).data
    assert files_of(data)[f"courses/spo-principles/images/{name}"] == stored

    second = empty_academy.test_client()
    with empty_academy.app_context():
        login(second, db.session.scalar(db.select(User)))
        response = upload(second, data)
        assert response.status_code == 302, shown(response)
        copied = db.session.scalar(db.select(CourseImage).where(CourseImage.name == name))
        assert copied.data == stored
        assert download(second) == data


def test_a_picture_the_zip_lacks_is_shown_at_its_file_and_line(client, people, course):
    login(client, people["runner"])
    missing = edited(download(client), change=lambda text: text + "\n![A hive](images/hive.png)\n")
    line = (
        files_of(missing)[MODULE_FILE].decode().splitlines().index("![A hive](images/hive.png)") + 1
    )
    assert "hive.png" in refused(client, missing, f"{MODULE_FILE}:{line}")
