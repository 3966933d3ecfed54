"""`siteaudit api …`: the CLI as a client of the whole REST API. Every test
runs the built binary against the real stack (nginx → siteaudit-fcgi →
MariaDB, the runner doing the audits) and compares what it prints with what
the API answers over plain HTTP. docs/cli.md, "siteaudit api", is the spec:
exit 0 ok, 1 awaited run failed, 2 usage / config / auth, 3 not found,
4 server, network or timeout. No call may print the API key."""
import json
import os
import pty
import re
import subprocess
import uuid

import pytest
import requests

from test_api_util import Tenant, insert_run

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
SECRETS = set()   # every key handed to the CLI; none may be printed


class Res:
    def __init__(self, cp):
        self.rc, self.raw, self.err = cp.returncode, cp.stdout, cp.stderr.decode()
        self.out = cp.stdout.decode(errors="replace")

    def __repr__(self):
        return f"rc={self.rc}\nstdout:\n{self.out}\nstderr:\n{self.err}"


def run_tty(cmd, env, timeout):
    """Runs cmd with stderr on a pseudo-terminal (as in an interactive
    shell); returns a CompletedProcess with what the terminal received."""
    master, slave = pty.openpty()
    try:
        cp = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=slave,
                            timeout=timeout)
    finally:
        os.close(slave)
    err = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:            # EIO: the terminal's other side is closed
            break
        if not chunk:
            break
        err += chunk
    os.close(master)
    cp.stderr = err
    return cp


@pytest.fixture(scope="module")
def xdg(tmp_path_factory):
    """An empty config home: the developer's own cli.conf is never read."""
    return tmp_path_factory.mktemp("xdg")


@pytest.fixture(scope="module")
def t(fixtures_url):
    """A fresh org (own rate limits) whose site is the fixture sample site."""
    tenant = Tenant(site_url=fixtures_url + "/sample-site/index.html")
    SECRETS.add(tenant.key)
    return tenant


@pytest.fixture(scope="module")
def cli(bin_dir, base_url, t, xdg):
    """Runs `siteaudit api ARGS` with the tenant's key and the stack's URL
    in the environment unless told otherwise; checks no key leaked."""
    def run(*args, key=True, url=True, env=None, timeout=150, tty=False):
        e = {k: v for k, v in os.environ.items()
             if k not in ("SITEAUDIT_API_KEY", "SITEAUDIT_URL")}
        e.update(XDG_CONFIG_HOME=str(xdg), HOME=str(xdg))
        if key:
            e["SITEAUDIT_API_KEY"] = t.key if key is True else key
            SECRETS.add(e["SITEAUDIT_API_KEY"])
        if url:
            e["SITEAUDIT_URL"] = base_url if url is True else url
        e.update(env or {})
        cmd = [os.path.join(bin_dir, "siteaudit"), "api", *args]
        res = Res(run_tty(cmd, e, timeout) if tty else subprocess.run(
            cmd, env=e, capture_output=True, timeout=timeout))
        for secret in SECRETS:
            assert secret not in res.out and secret not in res.err, res
        return res
    return run


def api(base_url, path, key, **params):
    r = requests.get(base_url + path, headers={"Authorization": f"Bearer {key}"},
                     params=params, timeout=30)
    assert r.status_code == 200, r.text
    return r


def field(text, label):
    """The value of a `Label   value` line of the key/value output."""
    m = re.search(rf"^{re.escape(label)} +(.+)$", text, re.M)
    assert m, f"no {label!r} line in:\n{text}"
    return m.group(1).strip()


@pytest.fixture(scope="module")
def audit(cli, t, fixtures_url):
    """One completed start-audit --wait on the site's page, reused below."""
    res = cli("start-audit", fixtures_url + "/sample-site/index.html",
              "--site", t.site, "--wait", "--timeout", "90")
    assert res.rc == 0, res
    return res, field(res.out, "Run"), field(res.out, "Report")


@pytest.fixture(scope="module")
def scan(cli, t, audit):
    """One completed scan --wait of the site (after the audit: newest)."""
    res = cli("scan", t.site, "--wait", "--timeout", "90")
    assert res.rc == 0, res
    return res, field(res.out, "Run")


def test_start_audit_wait_prints_the_run_and_its_scores(audit, t):
    res, run, report = audit
    assert re.fullmatch(UUID, run) and re.fullmatch(UUID, report)
    assert field(res.out, "Status") == "completed"
    assert field(res.out, "Site") == t.site and field(res.out, "Kind") == "audit"
    assert re.match(r"\d+$", field(res.out, "Overall"))
    assert re.search(r"^  SEO +\d+$", res.out, re.M)
    # stderr is not a terminal here: one progress line per status change,
    # never redrawn in place, ending with "completed".
    lines = res.err.splitlines()
    assert "\r" not in res.err and lines and lines[-1].startswith(f"run {run}: completed")
    statuses = [re.match(rf"run {run}: (\w+) \(\d+ s\)$", ln).group(1) for ln in lines]
    assert all(a != b for a, b in zip(statuses, statuses[1:])), lines


def test_start_audit_without_wait_and_json(cli, base_url, t, fixtures_url):
    res = cli("start-audit", fixtures_url + "/seo/good.html", "--json")
    assert res.rc == 0, res
    body = json.loads(res.out)
    assert body["status"] == "queued" and re.fullmatch(UUID, body["runId"])
    res = cli("start-audit", fixtures_url + "/seo/good.html")
    assert res.rc == 0 and re.fullmatch(rf"run {UUID} queued\n", res.out), res


def test_run_shows_the_same_run_as_the_api(cli, base_url, t, audit):
    _, run, report = audit
    res = cli("run", run)
    assert res.rc == 0, res
    assert field(res.out, "Report") == report and field(res.out, "Run") == run
    res = cli("run", run, "--json")
    assert res.rc == 0 and json.loads(res.out) == \
        api(base_url, f"/api/mcp/runs/{run}", t.key).json()


def test_report_table_and_json(cli, base_url, t, audit):
    _, run, report = audit
    doc = api(base_url, f"/api/mcp/reports/{report}", t.key).json()
    res = cli("report", report)
    assert res.rc == 0, res
    assert field(res.out, "Run") == run and field(res.out, "URL") == doc["url"]
    assert field(res.out, "Overall") == str(doc["overall"])
    n = len(doc["issues"])
    assert f"{n} failing check" in res.out
    if n:
        assert re.search(r"^SEVERITY +DIMENSION +CHECK +COUNT +TITLE$", res.out, re.M)
        assert doc["issues"][0]["id"] in res.out
    res = cli("report", report, "--json")
    assert res.rc == 0 and json.loads(res.out) == doc


def test_report_pdf_is_written_atomically(cli, t, audit, tmp_path):
    _, _, report = audit
    dest = tmp_path / "report.pdf"
    dest.write_bytes(b"old contents")
    res = cli("report", report, "--pdf", str(dest))
    assert res.rc == 0, res
    data = dest.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 1000
    assert res.out.strip() == f"{dest} ({len(data)} bytes)"
    assert os.listdir(tmp_path) == ["report.pdf"]          # no temp file left
    text = subprocess.run(["pdftotext", str(dest), "-"], capture_output=True,
                          text=True, timeout=60).stdout
    assert "sample-site/index.html" in text.replace("\n", "")
    res = cli("report", str(uuid.uuid4()), "--pdf", str(dest))   # 404
    assert res.rc == 3 and dest.read_bytes() == data, res
    res = cli("report", report, "--pdf", str(tmp_path / "no-dir" / "x.pdf"))
    assert res.rc == 2 and "no-dir" in res.err, res


def test_scan_wait_then_history(cli, base_url, t, scan, audit):
    res, scan_id = scan
    assert field(res.out, "Kind") == "scan" and field(res.out, "Status") == "completed"
    assert res.err.splitlines()[-1].startswith(f"run {scan_id}: completed")
    res = cli("history", t.site, "--limit", "1")
    assert res.rc == 0, res
    rows = res.out.splitlines()
    assert rows[0].split()[:3] == ["RUN", "KIND", "STATUS"] and len(rows) == 2
    assert rows[1].split()[:3] == [scan_id, "scan", "completed"]
    res = cli("history", t.site)
    assert res.rc == 0 and len(res.out.splitlines()) >= 3 and audit[1] in res.out
    res = cli("history", t.site, "--limit", "2", "--json")
    assert json.loads(res.out) == api(base_url, f"/api/mcp/sites/{t.site}/history",
                                      t.key, limit=2).json()


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_has_the_same_bytes_as_the_api(cli, base_url, t, scan, tmp_path, fmt):
    want = api(base_url, f"/api/external/sites/{t.site}/export", t.key,
               format=fmt).content
    assert len(want) > 100
    res = cli("export", t.site, "--format", fmt)
    assert res.rc == 0 and res.raw == want, res
    dest = tmp_path / f"out.{fmt}"
    res = cli("export", t.site, "--format", fmt, "--scan", scan[1], "-o", str(dest))
    assert res.rc == 0 and dest.read_bytes() == want, res
    assert res.out == "" and str(dest) in res.err
    # A failed export leaves neither the file nor a temporary one behind.
    res = cli("export", str(uuid.uuid4()), "--format", fmt, "-o", str(tmp_path / "x"))
    assert res.rc == 3 and os.listdir(tmp_path) == [dest.name], res


def test_sites_schedule_account(cli, base_url, t, scan):
    res = cli("sites")
    assert res.rc == 0, res
    head, row = res.out.splitlines()
    assert head.split() == ["ID", "NAME", "URL", "STRATEGY", "SCHEDULE", "LAST",
                            "SCAN", "HEALTH"]
    assert row.startswith(t.site) and t.site_name in row and t.site_url in row
    # columns are aligned: every header starts where its values start
    assert head.index("URL") == row.index(t.site_url)
    assert json.loads(cli("sites", "--json").out) == \
        api(base_url, "/api/mcp/sites", t.key).json()
    res = cli("schedule", t.site)
    assert res.rc == 0 and field(res.out, "Site") == t.site, res
    sched = api(base_url, f"/api/mcp/sites/{t.site}/schedule", t.key).json()
    assert field(res.out, "Frequency") == sched["frequency"]
    assert json.loads(cli("schedule", t.site, "--json").out) == sched
    res = cli("account")
    assert res.rc == 0 and t.name in field(res.out, "Organization"), res
    assert field(res.out, "Plan") == "pro"
    acct = json.loads(cli("account", "--json").out)
    assert acct["org"]["id"] == t.org and acct["key"]["userId"] == t.user


def test_auth_errors_exit_2(cli, t):
    res = cli("sites", key=None)
    assert res.rc == 2 and "no API key" in res.err and "SITEAUDIT_API_KEY" in res.err
    res = cli("sites", key="sk_pageref_" + "x" * 40)
    assert res.rc == 2 and "HTTP 401" in res.err, res
    res = cli("sites", "--key-env", "NO_SUCH_VAR")
    assert res.rc == 2 and "NO_SUCH_VAR" in res.err, res
    starter = Tenant(plan="starter")             # no API access: 402
    res = cli("account", key=starter.key)
    assert res.rc == 2 and "HTTP 402" in res.err, res
    res = cli("sites", url="http://user:secret@127.0.0.1:9")
    assert res.rc == 2 and "secret" not in res.err, res
    res = cli("account", "--verbose")          # requests on stderr, no key
    assert res.rc == 0 and "> GET /api/mcp/account" in res.err, res


def test_not_found_exits_3(cli, t):
    other = str(uuid.uuid4())
    for args in (["run", other], ["report", other], ["history", other],
                 ["schedule", other], ["export", other], ["scan", other]):
        res = cli(*args)
        assert res.rc == 3 and "HTTP 404" in res.err, (args, res)
        assert res.out == ""


@pytest.mark.parametrize("args", [
    [], ["nope"], ["run"], ["run", "not-a-uuid"], ["sites", "extra"],
    ["sites", "--pdf", "x.pdf"], ["history", "{site}", "--limit", "0"],
    ["history", "{site}", "--limit", "abc"], ["scan", "{site}", "--strategy", "tv"],
    ["export", "{site}", "--format", "xml"], ["report", "{site}", "--json", "--pdf", "x"],
    ["start-audit", "http://x/", "--wait", "--timeout", "0"], ["sites", "--bogus"],
])
def test_bad_usage_exits_2_before_any_request(cli, t, args):
    args = [a.replace("{site}", t.site) for a in args]
    res = cli(*args, url="http://127.0.0.1:9")     # nothing listens there
    assert res.rc == 2 and "usage: siteaudit api" in res.err, (args, res)


def test_server_errors_exit_4(cli, t):
    res = cli("sites", url="http://127.0.0.1:9")
    assert res.rc == 4 and "127.0.0.1:9" in res.err, res


def test_awaited_run_failure_exits_1(cli, t, state_dir):
    # Nothing listens on port 9: the fetch fails and so does the run.
    res = cli("start-audit", "http://127.0.0.1:9/", "--wait", "--timeout", "60")
    assert res.rc == 1, res
    assert field(res.out, "Status") == "failed" and "failed" in res.err
    assert field(res.out, "Error") != "-"


def test_scan_in_flight_409_then_wait_joins_it_and_times_out(cli, t, state_dir):
    # A scan held by a live lease of a fake runner: it stays "running".
    active = insert_run(state_dir, t, "running", kind="scan")
    res = cli("scan", t.site, "--json")
    assert res.rc == 2 and "SCAN_ALREADY_ACTIVE" in res.err, res
    res = cli("scan", t.site, "--wait", "--timeout", "3")
    assert res.rc == 4 and "already in flight" in res.err, res
    assert f"run {active}: running" in res.err and "timeout" in res.err
    # On a terminal the progress line is redrawn in place on every poll.
    res = cli("scan", t.site, "--wait", "--timeout", "3", tty=True)
    assert res.rc == 4, res
    redraws = re.findall(rf"\r(run {active}: running \((\d+) s\))\x1b\[K", res.err)
    assert len(redraws) >= 3, res
    assert [int(s) for _, s in redraws] == sorted(int(s) for _, s in redraws)


def config(xdg, text, mode):
    path = xdg / "siteaudit" / "cli.conf"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text)
    os.chmod(path, mode)
    return path


def test_config_file_must_be_0600_when_it_holds_a_key(cli, base_url, t, xdg):
    path = config(xdg, f"# test\nurl = {base_url}\napi_key = {t.key}\n", 0o644)
    try:
        res = cli("account", key=None, url=None)
        assert res.rc == 2 and "chmod 600" in res.err and str(path) in res.err, res
        os.chmod(path, 0o600)
        res = cli("account", key=None, url=None)
        assert res.rc == 0 and field(res.out, "Plan") == "pro", res
        # precedence: the environment's key beats the file's, --url beats both
        res = cli("account", key="sk_pageref_" + "y" * 40, url=None)
        assert res.rc == 2 and "HTTP 401" in res.err, res
        res = cli("account", "--url", base_url, key=None, url="http://127.0.0.1:9")
        assert res.rc == 0, res
        moved = xdg / "elsewhere.conf"
        os.rename(path, moved)
        res = cli("account", "--config", str(moved), key=None, url=None)
        assert res.rc == 0, res
        res = cli("account", "--config", str(xdg / "missing.conf"), key=None)
        assert res.rc == 2 and "missing.conf" in res.err, res
        config(xdg, "colour = blue\n", 0o600)
        res = cli("account")
        assert res.rc == 2 and "cli.conf:1: unknown setting" in res.err, res
    finally:
        for p in (xdg / "siteaudit" / "cli.conf", xdg / "elsewhere.conf"):
            if p.exists():
                p.unlink()
