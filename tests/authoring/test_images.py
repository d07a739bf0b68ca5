"""Pictures in modules: uploaded, cleaned, inserted as Markdown, served; bad files refused."""

import io
import re

import pytest
from PIL import Image
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from lms.authoring.images import DISPLAY_WIDTH, MAX_IMAGE_BYTES
from lms.extensions import db
from lms.learn.services import enrol
from lms.models import CourseImage
from tests.authoring.test_module_editor import editor_path, form_of, save, texts
from tests.authoring.test_publishing import publish
from tests.conftest import csrf_token, login

GPS_TAG = 0x8825
PICTURE = re.compile(r"!\[([^\]]*)\]\(images/([0-9a-f]{20}\.(?:jpg|png|webp))\)")


def picture(fmt="JPEG", size=(1600, 1200), exif=True) -> bytes:
    """Return a picture as a phone would take it, with camera and GPS metadata."""
    image = Image.new("RGB", size, (120, 160, 60))
    buffer = io.BytesIO()
    options = {}
    if exif and fmt in {"JPEG", "WEBP"}:
        metadata = Image.Exif()
        metadata[0x010F] = "PhoneMaker"  # camera make
        metadata[0x0112] = 6  # orientation: turned a quarter
        metadata[GPS_TAG] = {2: (22.0, 1.0, 0.0), 4: (100.0, 48.0, 0.0)}  # a tea garden
        options["exif"] = metadata.tobytes()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def upload(client, module, data, filename="garden.jpg", alt="Tea pickers at dawn", language="en"):
    """Press "Upload and insert" in the editor with the text as the page shows it."""
    _page, fields = form_of(client, module)
    form = dict(fields)
    for code in ("en", "zh"):
        title, body = texts(module, code)
        form[f"title_{code}"], form[f"body_{code}"] = title, body
    form.update(action="upload", image_alt=alt, image_language=language)
    form["image"] = FileStorage(io.BytesIO(data), filename=filename)
    return send_multipart(client, module, form)


def send_multipart(client, module, form):
    """Post ``form`` with its file as a browser does, the body built in memory.

    The test client would spool a body over 500 KB to a temporary file it never closes.
    """
    form.setdefault("csrf_token", csrf_token(client, editor_path(module)))
    boundary, body = encode_multipart(form)
    content_type = f"multipart/form-data; boundary={boundary}"
    return client.post(editor_path(module), data=body, content_type=content_type)


@pytest.fixture
def module(imported_course):
    return imported_course.modules[0]


def textarea(page, language):
    match = re.search(rf'<textarea[^>]*name="body_{language}"[^>]*>(.*?)</textarea>', page, re.S)
    return match.group(1)


def test_an_uploaded_picture_is_cleaned_inserted_and_kept_in_two_sizes(client, people, module):
    login(client, people["runner"])
    response = upload(client, module, picture())
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "The picture is at the end of the English text" in page
    alt, name = PICTURE.search(textarea(page, "en")).groups()
    assert alt == "Tea pickers at dawn" and name.endswith(".jpg")
    assert texts(module)[1].split("\n")[0] in textarea(page, "en")  # the text typed is kept
    assert f'src="images/{name}"' in page  # shown in the preview
    stored = db.session.scalar(db.select(CourseImage))
    # Turned upright as the camera said, and nothing of the metadata survives.
    assert (stored.width, stored.height) == (1200, 1600)
    assert (stored.display_width, stored.display_height) == (DISPLAY_WIDTH, 1280)
    for data in (stored.data, stored.display_data):
        cleaned = Image.open(io.BytesIO(data))
        assert not cleaned.getexif() and "exif" not in cleaned.info
        assert b"PhoneMaker" not in data
    # Nothing is saved as a draft until the trainer saves.
    assert "Draft saved" not in page


def test_the_editor_preview_and_learners_get_the_picture(client, people, module):
    login(client, people["runner"])
    page = upload(client, module, picture("PNG", (800, 600))).get_data(as_text=True)
    name = PICTURE.search(textarea(page, "en")).group(2)
    draft_url = f"/manage/courses/spo-principles/modules/{module.id}/images/{name}"
    reply = client.get(draft_url)
    assert reply.status_code == 200 and reply.mimetype == "image/png"
    assert "immutable" in reply.headers["Cache-Control"]
    learner_url = f"/courses/spo-principles/modules/images/{name}"
    _page, fields = form_of(client, module)
    save(
        client, module, fields, en=(texts(module)[0], textarea(page, "en")), zh=texts(module, "zh")
    )
    assert publish(client, note="A picture of the garden").status_code == 302
    client.get("/logout")

    learner = people["learner"]
    login(client, learner)
    assert client.get(learner_url).status_code == 404  # not enrolled yet
    enrol(learner, module.course)
    db.session.commit()
    reading = client.get(f"/courses/spo-principles/modules/{module.slug}").get_data(as_text=True)
    assert f'<img alt="Tea pickers at dawn" src="images/{name}"' in reading
    shown = client.get(learner_url)
    assert shown.status_code == 200 and Image.open(io.BytesIO(shown.data)).size == (800, 600)
    assert client.get(learner_url + "?size=original").status_code == 200
    assert client.get(draft_url).status_code == 403  # the trainers' copy is theirs only


def test_a_picture_in_a_draft_stays_hidden_from_learners_until_published(client, people, module):
    learner = people["learner"]
    enrol(learner, module.course)
    db.session.commit()
    login(client, people["runner"])
    page = upload(client, module, picture("PNG", (640, 480))).get_data(as_text=True)
    name = PICTURE.search(textarea(page, "en")).group(2)
    _page, fields = form_of(client, module)
    save(
        client, module, fields, en=(texts(module)[0], textarea(page, "en")), zh=texts(module, "zh")
    )
    client.get("/logout")

    login(client, learner)
    learner_url = f"/courses/spo-principles/modules/images/{name}"
    assert client.get(learner_url).status_code == 404  # saved in a draft, not published
    client.get("/logout")
    login(client, people["runner"])
    assert publish(client, note="The garden picture").status_code == 302
    client.get("/logout")
    login(client, learner)
    assert client.get(learner_url).status_code == 200


def test_a_wide_webp_is_served_at_phone_width_with_the_original_kept(client, people, module):
    login(client, people["runner"])
    upload(client, module, picture("WEBP", (3000, 1000), exif=False), filename="wide.webp")
    stored = db.session.scalar(db.select(CourseImage))
    assert stored.content_type == "image/webp" and stored.name.endswith(".webp")
    path = f"/manage/courses/spo-principles/modules/{module.id}/images/{stored.name}"
    assert Image.open(io.BytesIO(client.get(path).data)).size == (DISPLAY_WIDTH, 320)
    original = client.get(path + "?size=original").data
    assert Image.open(io.BytesIO(original)).size == (3000, 1000)


def bomb() -> bytes:
    """A tiny PNG that decodes to 20,000 × 20,000 pixels."""
    buffer = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "logo.svg",
            "SVG drawings are not accepted",
        ),
        (b"This is not a picture at all, only text.", "fake.jpg", "is not a JPEG, PNG or WebP"),
        (picture()[:2000], "cut.jpg", "is not a JPEG, PNG or WebP"),
        (b"GIF89a" + b"\0" * 100, "old.gif", "is not a JPEG, PNG or WebP"),
        (None, "bomb.png", "too many pixels to open safely"),
        (b"\xff" * (MAX_IMAGE_BYTES + 1), "huge.jpg", "over 5 MB"),
        (b"", "", "Choose a picture to upload."),
    ],
)
def test_each_bad_picture_is_refused_next_to_its_field(
    client, people, module, data, filename, message
):
    login(client, people["runner"])
    response = upload(client, module, bomb() if data is None else data, filename=filename)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page
    assert re.search(r'<p class="error" id="image-error">[^<]*' + re.escape(message[:20]), page)
    assert db.session.scalar(db.select(db.func.count()).select_from(CourseImage)) == 0
    assert not PICTURE.search(textarea(page, "en"))


@pytest.mark.parametrize(
    ("alt", "message"),
    [("  ", "Describe the picture"), ("x" * 201, "under 200 characters")],
)
def test_a_picture_needs_a_description(client, people, module, alt, message):
    login(client, people["runner"])
    response = upload(client, module, picture(), alt=alt)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert db.session.scalar(db.select(CourseImage)) is None


def test_a_hostile_description_stays_text(client, people, module):
    login(client, people["runner"])
    alt = 'Garden"] <script>alert(1)</script> [x](javascript:alert(2))'
    upload(client, module, picture())
    response = upload(client, module, picture(), alt=alt)
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page
    preview = page[page.index('id="preview-en"') :]
    preview = preview[: preview.index("</section>")]
    assert "<script" not in preview
    assert preview.count("<img") == 1
    assert (
        'alt="Garden&quot;] &lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(2))"'
        in preview
    )
    # The same picture twice is stored once.
    assert db.session.scalar(db.select(db.func.count()).select_from(CourseImage)) == 1


def test_only_those_who_run_the_course_may_upload(client, people, module):
    login(client, people["trainer"])
    assert upload_status(client, module) == 403
    assert db.session.scalar(db.select(CourseImage)) is None


def upload_status(client, module):
    data = {
        "action": "upload",
        "image_alt": "x",
        "image": FileStorage(io.BytesIO(picture()), "a.jpg"),
    }
    return send_multipart(client, module, data).status_code
