"""Measure the academy's pages over HTTP, as a share of a bare Flask hello world in the same run.

Builds a throw-away database (SQLite by default, or ``--database-url``) through the
migrations, imports the shipped courses and quizzes and the demo accounts with the
``flask`` commands, and serves the academy (port 8101), ``bench/hello.py`` (8102) and
``bench/floor.py`` (8103) with the same gunicorn setting. The demo learner logs in over
HTTP, enrols in the first course and starts a quiz attempt; then ``wrk`` drives each page
and hello world in turn (hello, page, hello, page, ..., hello), so that drift of the
machine affects both.
"""

import argparse
import contextlib
import gzip
import http.client
import http.cookiejar
import importlib.util
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import date

import brotli
from common import ROOT, csrf_token, temporary_sqlite_url
from sqlalchemy import create_engine, inspect, select
from sqlalchemy.orm import Session

from lms.demo import DEMO_PASSWORD, DEMO_USERS
from lms.models import Course, Module, Quiz, Role

HOST = "127.0.0.1"
THREADS = 2
CONNECTIONS = 32
# Flask-Login's strong session protection ties the session to the browser's User-Agent,
# so the login, the probes and wrk all send this one.
USER_AGENT = "bench_http"
# What Chromium sends: the server picks the encoding a learner's browser would get.
ACCEPT_ENCODING = "gzip, deflate, br, zstd"
DECODERS = {"gzip": gzip.decompress, "br": brotli.decompress, "none": bytes}
LEARNER = next(email for email, _name, role, _spo in DEMO_USERS if role == Role.LEARNER)

# The pages, in the order they are measured: key, label, and whether the learner asks.
PAGES = {
    "catalogue": ("catalogue, visitor", False),
    "course": ("course page, learner", True),
    "module": ("module page, learner (records a view)", True),
    "dashboard": ("dashboard, learner", True),
    "quiz": ("quiz question page, learner", True),
    "stylesheet": ("stylesheet (static file, the URL pages link)", False),
    "floor": ("module page drawn from memory, no database (bench/floor.py)", True),
}


@dataclass
class Run:
    """What one wrk run measured."""

    rate: float  # requests per second
    p50: float  # milliseconds
    p99: float
    errors: int  # socket errors and non-2xx/3xx answers


@dataclass
class Probe:
    """What one request with a browser's ``Accept-Encoding`` got back."""

    status: int
    size: int  # bytes on the wire
    raw_size: int  # bytes once decompressed
    gzip_size: int  # what gzip (level 6) would make of them
    encoding: str  # the Content-Encoding served, or "none"
    sets_cookie: bool
    cache_control: str


def flask_command(env: dict, *arguments: str) -> None:
    """Run ``flask --app wsgi ...`` in the project, as ``make run`` does."""
    command = [sys.executable, "-m", "flask", "--app", "wsgi", *arguments]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(arguments)} failed:\n{done.stdout}{done.stderr}")


def prepare_database(url: str, env: dict, spos: int = 0, learners: int = 0) -> None:
    """Migrate an empty database and fill it with the curriculum and the demo accounts.

    With ``spos``, ``flask lms seed-demo`` first adds that many SPOs of ``learners``
    learners each, with two years of their history, before the demo accounts.
    """
    engine = create_engine(url)
    try:
        if inspect(engine).has_table("lms_user"):
            with engine.connect() as connection:
                if connection.exec_driver_sql("SELECT 1 FROM lms_user LIMIT 1").first():
                    raise SystemExit(
                        f"{url} already holds academy data: give an empty database "
                        "(dropdb and createdb, or flask db downgrade base)"
                    )
    finally:
        engine.dispose()
    flask_command(env, "db", "upgrade")
    flask_command(env, "lms", "import", "courses/", "quizzes/")
    if spos:
        start = time.perf_counter()
        total = str(spos * learners)
        flask_command(env, "lms", "seed-demo", "--learners", total, "--orgs", str(spos))
        print(f"seeded {spos} SPOs x {learners} learners in {time.perf_counter() - start:.0f} s")
    flask_command(env, "lms", "demo")


def choose_pages(url: str) -> tuple[str, str, str]:
    """Return the first published course, a module to read, and a module with a quiz."""
    engine = create_engine(url)
    with Session(engine) as session:
        course = session.scalars(
            select(Course).where(Course.status == "published").order_by(Course.slug)
        ).first()
        if course is None:
            raise SystemExit("the import published no course")
        modules = [module for module in course.modules if module.active]
        quiz_module = session.scalars(
            select(Module.slug)
            .join(Quiz, Quiz.module_id == Module.id)
            .where(Module.course_id == course.id, Module.active, Quiz.active)
            .order_by(Module.position)
        ).first()
        if quiz_module is None:
            raise SystemExit(f"course {course.slug} has no module with a quiz")
        reading = modules[1] if len(modules) > 1 else modules[0]
        found = course.slug, reading.slug, quiz_module
    engine.dispose()
    return found


def port_taken(port: int) -> bool:
    """Say whether something already listens on ``port``."""
    with socket.socket() as sock:
        return sock.connect_ex((HOST, port)) == 0


class Servers:
    """The gunicorn masters this run started; stopped on exit, on Ctrl-C and on SIGTERM."""

    def __init__(self) -> None:
        self.processes: list[subprocess.Popen] = []

    def start(self, app: str, folder: str, port: int, workers: int, env: dict) -> None:
        """Serve ``app`` (``module:variable`` in ``folder``) on ``port``; wait until it answers."""
        if port_taken(port):
            raise SystemExit(f"port {port} is in use: stop whatever listens there first")
        command = [
            sys.executable, "-m", "gunicorn",
            "--worker-class", "sync", "--workers", str(workers),
            "--bind", f"{HOST}:{port}", "--chdir", str(folder), "--log-level", "warning",
            app,
        ]  # fmt: skip
        # A session of its own: Ctrl-C reaches this script, which stops the master.
        process = subprocess.Popen(command, env=env, start_new_session=True)
        self.processes.append(process)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise SystemExit(f"gunicorn for {app} exited with {process.returncode}")
            with contextlib.suppress(OSError):
                connection = http.client.HTTPConnection(HOST, port, timeout=2)
                connection.request("GET", "/")
                if connection.getresponse().status < 500:
                    return
            time.sleep(0.2)
        raise SystemExit(f"gunicorn for {app} did not answer on port {port} within 60 s")

    def stop(self) -> None:
        """Stop each master (it stops its workers); kill one that does not stop in 10 s."""
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGINT)  # gunicorn: quick shutdown
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.processes.clear()


class Learner:
    """The demo learner's browser: a cookie jar that follows redirects."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.opener.addheaders = [("User-Agent", USER_AGENT)]

    def get(self, path: str) -> tuple[str, str]:
        """Return the page at ``path`` and the path it ended on after redirects."""
        with self.opener.open(self.base + path) as response:
            return response.read().decode(), urllib.parse.urlsplit(response.url).path

    def post(self, path: str, form_page: str, fields: dict | None = None) -> str:
        """Post ``fields`` with the CSRF token of ``form_page``; return the path it ended on."""
        data = {"csrf_token": csrf_token(self.get(form_page)[0]), **(fields or {})}
        body = urllib.parse.urlencode(data).encode()
        with self.opener.open(self.base + path, data=body) as response:
            response.read()
            return urllib.parse.urlsplit(response.url).path

    def cookie_header(self) -> str:
        """Return the ``Cookie`` header the learner's browser sends now."""
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.jar)


def set_up_learner(base: str, course: str, reading: str, quiz_module: str) -> tuple[str, str]:
    """Log the demo learner in, enrol them and start a quiz; return the cookie and quiz path."""
    learner = Learner(base)
    landed = learner.post("/login", "/login", {"email": LEARNER, "password": DEMO_PASSWORD})
    if landed == "/login":
        raise SystemExit(f"the demo learner {LEARNER} could not log in")
    course_page = f"/courses/{course}"
    learner.post(f"{course_page}/enrol", course_page)
    if learner.get(f"{course_page}/modules/{reading}")[1] != f"{course_page}/modules/{reading}":
        raise SystemExit(f"the demo learner could not enrol in {course}")
    quiz_path = learner.post(
        f"{course_page}/modules/{quiz_module}/quiz/start",
        f"{course_page}/modules/{quiz_module}/quiz",
    )
    if not re.fullmatch(r"/quiz/attempts/\d+", quiz_path):
        raise SystemExit(f"starting the quiz of {quiz_module} ended on {quiz_path}")
    return learner.cookie_header(), quiz_path


def stylesheet_path(base: str) -> str:
    """Return the stylesheet the catalogue links to (its name may carry a fingerprint)."""
    request = urllib.request.Request(base + "/", headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request) as response:
        page = response.read().decode()
    found = re.search(r'<link rel="stylesheet" href="([^"]+)"', page)
    if found is None:
        raise SystemExit("the catalogue links no stylesheet")
    return found.group(1)


def probe(port: int, path: str, cookie: str) -> Probe:
    """Request ``path`` once as a browser would, accepting compression, and describe the answer."""
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    headers = {
        "User-Agent": USER_AGENT,
        "Accept-Encoding": ACCEPT_ENCODING,
        **({"Cookie": cookie} if cookie else {}),
    }
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    encoding = response.getheader("Content-Encoding") or "none"
    if encoding not in DECODERS:
        raise SystemExit(f"{path} came as {encoding}, which this script cannot decode")
    raw = DECODERS[encoding](body)
    connection.close()
    return Probe(
        status=response.status,
        size=len(body),
        raw_size=len(raw),
        gzip_size=len(gzip.compress(raw, compresslevel=6)),
        encoding=encoding,
        sets_cookie=response.getheader("Set-Cookie") is not None,
        cache_control=response.getheader("Cache-Control") or "",
    )


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def _milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text).groups()
    return float(number) * _UNITS[unit]


def parse_wrk(output: str) -> Run:
    """Read requests/s, p50, p99 and the errors from ``wrk --latency`` output."""
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M)
    if not (rate and p50 and p99):
        raise SystemExit(f"could not read wrk's output:\n{output}")
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors += int(non_2xx.group(1)) if non_2xx else 0
    return Run(
        float(rate.group(1)), _milliseconds(p50.group(1)), _milliseconds(p99.group(1)), errors
    )


def drive(wrk: str, port: int, path: str, cookie: str, seconds: int) -> Run:
    """Run wrk against ``path`` for ``seconds`` with a browser's cookie and Accept-Encoding."""
    command = [
        wrk, f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency",
        "-H", f"Accept-Encoding: {ACCEPT_ENCODING}", "-H", f"User-Agent: {USER_AGENT}",
    ]  # fmt: skip
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    done = subprocess.run(
        [*command, f"http://{HOST}:{port}{path}"], capture_output=True, text=True, check=True
    )
    return parse_wrk(done.stdout)


def tool_versions() -> str:
    """Return the versions of wrk and gunicorn, for the record."""
    from gunicorn import __version__ as gunicorn_version

    done = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    wrk_version = (done.stdout or done.stderr).split()[1] if (done.stdout or done.stderr) else "?"
    return f"wrk {wrk_version}, gunicorn {gunicorn_version}"


def main() -> None:
    """Build the database, serve both apps, drive each page and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    parser.add_argument(
        "--spos", type=int, default=0, help="add this many SPOs of --learners (e.g. 1000)"
    )
    parser.add_argument("--learners", type=int, default=100, help="learners per added SPO")
    parser.add_argument("--duration", type=int, default=10, help="seconds of each wrk run")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn sync workers per app")
    parser.add_argument("--rounds", type=int, default=1, help="times each page is driven")
    parser.add_argument(
        "--port",
        type=int,
        default=8101,
        help="the academy's port; hello world and floor.py take the next two",
    )
    parser.add_argument(
        "--pages", nargs="+", choices=list(PAGES), default=list(PAGES), help="default: all"
    )
    args = parser.parse_args()
    academy_port, hello_port, floor_port = args.port, args.port + 1, args.port + 2
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk (Debian and Ubuntu)")
    if importlib.util.find_spec("gunicorn") is None:
        raise SystemExit("gunicorn is not installed: pip install -e '.[bench]'")
    for port in (academy_port, hello_port, floor_port):
        if port_taken(port):
            raise SystemExit(f"port {port} is in use: stop whatever listens there first")

    folder = tempfile.mkdtemp(prefix="bench-http-")
    url = args.database_url or temporary_sqlite_url(folder)
    env = {name: value for name, value in os.environ.items() if name != "DATABASE_URL"}
    env.update(
        LMS_ENV="development",  # the demo accounts are refused in production
        LMS_DATABASE_URL=url,
        LMS_SECRET_KEY=secrets.token_urlsafe(48),
        LMS_SIGNING_KEY_FILE=os.path.join(folder, "signing-key.pem"),
    )
    env.pop("FLASK_DEBUG", None)
    # SIGTERM ends the run like Ctrl-C does: through the ``finally`` that stops gunicorn.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started in background
    servers = Servers()
    try:
        start = time.perf_counter()
        prepare_database(url, env, args.spos, args.learners)
        print(f"database ready in {time.perf_counter() - start:.1f} s: {url.split(':')[0]}")
        course, reading, quiz_module = choose_pages(url)
        servers.start("wsgi:app", ROOT, academy_port, args.workers, env)
        servers.start("hello:app", ROOT / "bench", hello_port, args.workers, env)
        if "floor" in args.pages:
            floor_env = dict(env, FLOOR_MODULE=f"{course}/{reading}")
            servers.start("floor:app", ROOT / "bench", floor_port, args.workers, floor_env)
        base = f"http://{HOST}:{academy_port}"
        cookie, quiz_path = set_up_learner(base, course, reading, quiz_module)
        paths = {
            "catalogue": "/",
            "course": f"/courses/{course}",
            "module": f"/courses/{course}/modules/{reading}",
            "dashboard": "/dashboard",
            "quiz": quiz_path,
            "stylesheet": stylesheet_path(base),
            "floor": "/floor/module",
        }
        ports = {key: floor_port if key == "floor" else academy_port for key in PAGES}
        report(wrk, args, paths, ports, hello_port, cookie)
    except KeyboardInterrupt:
        print("\ninterrupted: stopping gunicorn", file=sys.stderr)
        sys.exit(130)
    finally:
        servers.stop()
        shutil.rmtree(folder, ignore_errors=True)


def report(wrk: str, args, paths: dict, ports: dict, hello_port: int, cookie: str) -> None:
    """Probe and drive each page (on its port) between hello world runs; print the table."""
    cookies = {key: cookie if PAGES[key][1] else "" for key in args.pages}
    probes = {}
    for key in args.pages:
        probes[key] = probe(ports[key], paths[key], cookies[key])
        if probes[key].status != 200:
            raise SystemExit(f"{paths[key]} answered {probes[key].status}, not 200")
    print(f"warming up each worker ({tool_versions()})", flush=True)
    drive(wrk, hello_port, "/", "", 2)
    for key in args.pages:
        drive(wrk, ports[key], paths[key], cookies[key], 2)

    hello_runs = [drive(wrk, hello_port, "/", "", args.duration)]
    page_runs: dict[str, list[Run]] = {key: [] for key in args.pages}
    hello_around: dict[str, list[float]] = {key: [] for key in args.pages}
    for round_number in range(args.rounds):
        for key in args.pages:
            print(f"round {round_number + 1}: {PAGES[key][0]}", flush=True)
            page_runs[key].append(drive(wrk, ports[key], paths[key], cookies[key], args.duration))
            hello_runs.append(drive(wrk, hello_port, "/", "", args.duration))
            # The page's yardstick: the mean of the hello world runs just before and after.
            hello_around[key].append((hello_runs[-2].rate + hello_runs[-1].rate) / 2)
    for key in args.pages:
        after = probe(ports[key], paths[key], cookies[key])
        if after.status != 200:
            raise SystemExit(f"{paths[key]} answered {after.status} after its run, not 200")

    print(
        f"\nMeasured on {date.today().isoformat()}: {os.cpu_count()} cores, gunicorn sync "
        f"x {args.workers} workers, wrk -t{THREADS} -c{CONNECTIONS} -d{args.duration}s, "
        f"{args.rounds} round(s); hello world {statistics.median(r.rate for r in hello_runs):.0f}"
        f" req/s, p99 {statistics.median(r.p99 for r in hello_runs):.1f} ms\n"
    )
    print("| page | req/s | hello req/s | ratio | p50 ms | p99 ms | bytes (gzip -6) "
          "| served as | sets a cookie | errors |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|")
    for key in args.pages:
        runs, found = page_runs[key], probes[key]
        rate = statistics.median(run.rate for run in runs)
        hello = statistics.median(hello_around[key])
        served = "raw" if found.encoding == "none" else f"{found.encoding}, {found.size} B"
        print(
            f"| {PAGES[key][0]} | {rate:.0f} | {hello:.0f} | {rate / hello:.2f} "
            f"| {statistics.median(run.p50 for run in runs):.1f} "
            f"| {statistics.median(run.p99 for run in runs):.1f} "
            f"| {found.raw_size} ({found.gzip_size}) | {served} "
            f"| {'yes' if found.sets_cookie else 'no'} | {sum(run.errors for run in runs)} |"
        )
    if "stylesheet" in probes:
        print(
            f"\nThe stylesheet was driven at {paths['stylesheet']} "
            f"(Cache-Control: {probes['stylesheet'].cache_control or 'none'})."
        )


if __name__ == "__main__":
    main()
