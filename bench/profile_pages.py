"""Profile one page in-process, to see where a request's CPU time goes.

Builds the same throw-away database as ``bench_http.py`` (curriculum and demo
accounts), logs the demo learner in through Flask's test client, enrols them and
starts a quiz attempt, then requests one page many times: first timed (best of
``--rounds`` rounds of ``--repeat`` requests), then under cProfile, printing the
functions that took the most time. Each request runs in its own app context, as
under gunicorn.

    .venv/bin/python bench/profile_pages.py module --repeat 300
    .venv/bin/python bench/profile_pages.py catalogue --sort cumulative --top 40
"""

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time

from bench_http import LEARNER, choose_pages, prepare_database
from common import ROOT, csrf_token, temporary_sqlite_url

from lms.demo import DEMO_PASSWORD

PAGES = ("catalogue", "course", "module", "dashboard", "quiz", "hello")


def learner_client(app, course: str, quiz_module: str):
    """Return a test client with the demo learner logged in, enrolled, and a quiz path."""
    client = app.test_client()
    token = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post(
        "/login", data={"email": LEARNER, "password": DEMO_PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302, "the demo learner could not log in"
    course_page = f"/courses/{course}"
    token = csrf_token(client.get(course_page).get_data(as_text=True))
    client.post(f"{course_page}/enrol", data={"csrf_token": token})
    quiz_page = f"{course_page}/modules/{quiz_module}/quiz"
    token = csrf_token(client.get(quiz_page).get_data(as_text=True))
    started = client.post(f"{quiz_page}/start", data={"csrf_token": token})
    assert started.status_code == 302, "the quiz did not start"
    return client, started.headers["Location"]


def page_path(page: str, course: str, reading: str, quiz_path: str) -> str:
    """Return the URL of ``page``."""
    return {
        "catalogue": "/",
        "course": f"/courses/{course}",
        "module": f"/courses/{course}/modules/{reading}",
        "dashboard": "/dashboard",
        "quiz": quiz_path,
    }[page]


def main() -> None:
    """Build the data, time the page, then profile it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", choices=PAGES)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="tottime", choices=("tottime", "cumulative"))
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="lms-profile-")
    url = temporary_sqlite_url(folder)
    env = dict(os.environ, LMS_DATABASE_URL=url, FLASK_APP="wsgi.py", LMS_SECRET_KEY="profile")
    os.chdir(ROOT)
    prepare_database(url, env)
    os.environ.update(LMS_DATABASE_URL=url, LMS_SECRET_KEY="profile")
    course, reading, quiz_module = choose_pages(url)

    if args.page == "hello":
        sys.path.insert(0, str(ROOT / "bench"))
        from hello import app

        client, path = app.test_client(), "/"
    else:
        from lms.app import create_app

        app = create_app()
        client, quiz_path = learner_client(app, course, quiz_module)
        if args.page == "catalogue":
            client = app.test_client()  # a visitor
        path = page_path(args.page, course, reading, quiz_path)
    headers = {"Accept-Encoding": "gzip, deflate, br, zstd"}  # what Chromium sends

    def run(times: int) -> None:
        for _ in range(times):
            response = client.get(path, headers=headers)
            assert response.status_code == 200, (path, response.status_code)

    run(20)
    best = min(_timed(run, args.repeat) for _ in range(args.rounds))
    print(f"{args.page} ({path}): best {best * 1000:.3f} ms a request")
    profiler = cProfile.Profile()
    profiler.enable()
    run(args.repeat)
    profiler.disable()
    pstats.Stats(profiler).strip_dirs().sort_stats(args.sort).print_stats(args.top)


def _timed(run, repeat: int) -> float:
    start = time.perf_counter()
    run(repeat)
    return (time.perf_counter() - start) / repeat


if __name__ == "__main__":
    main()
