"""Data retention (docs/retention.md): `siteaudit admin org retention` and
the runner's prune pass, on the real stack.

Four orgs with different horizons get old and recent rows by SQL (runs,
reports, report_pages, PDF files, page audits, webhook delivery logs, a
ledger row); one `siteaudit-runner --once` with [retention] days = 3650 and
batch = 2 (so every kind of row takes several batches) must remove exactly
the rows past each org's own horizon, and keep queued / running runs,
unfinished page audits, pending deliveries, the ledger and each site's newest
report. The stack's runner is paused so only our runner prunes; our queued
run is row-locked meanwhile so the --once audit pool cannot claim it.
"""
import os
import re
import subprocess
import uuid

import pytest

from conftest import mariadb
from test_api_util import Tenant, admin, call, sql_str
from test_runner_helpers import pause_stack_runner, resume_stack_runner, run_once

DAY = 86400


@pytest.fixture(scope="module", autouse=True)
def own_runner(state_dir, root_dir):
    pause_stack_runner(state_dir)
    yield
    resume_stack_runner(root_dir)


@pytest.fixture(scope="module")
def conf(conf_path, tmp_path_factory):
    """The stack's config plus [retention]; short audit timeouts so leftover
    queued runs of other suites fail fast in our --once."""
    text = open(conf_path).read()
    text = text.replace("[audit]\n", "[audit]\nconnect_timeout_ms = 300\n"
                        "total_timeout_ms = 1000\n", 1)
    path = tmp_path_factory.mktemp("retention") / "retention.conf"
    path.write_text(text + "\n[retention]\ndays = 3650\nbatch = 2\n")
    return str(path)


def cli(*args):
    """`siteaudit admin ARGS` → (exit code, stdout, stderr)."""
    res = subprocess.run([os.path.join(os.environ["SITEAUDIT_BIN_DIR"], "siteaudit"),
                          "admin", *args], capture_output=True, text=True, timeout=30)
    return res.returncode, res.stdout, res.stderr


class Org:
    """A tenant plus the rows this test put in and expects gone or kept."""

    def __init__(self, state, days=None):
        self.state, self.t = state, Tenant()
        if days is not None:
            assert admin("org", "retention", self.t.org, str(days)).startswith("retention:")
        self.gone, self.kept = [], []   # (table, id)
        self.pdf_gone, self.pdf_kept = [], []

    def pdf(self, report):
        return os.path.join(self.state, "files", "reports", f"{report}.pdf")

    def run(self, age_days, status="completed", site="default", report=True,
            pages=3, expect="gone"):
        """A run (with a report, its page rows and its PDF file when
        completed) created age_days ago; returns (run id, report id)."""
        site = self.t.site if site == "default" else site
        run, rep = str(uuid.uuid4()), str(uuid.uuid4())
        at = f"NOW(3) - INTERVAL {int(age_days * DAY)} SECOND"
        lease = "NOW(3) + INTERVAL 1 DAY" if status == "running" else "NULL"
        mariadb(self.state, f"""INSERT INTO runs (id, org_id, site_id, url, kind,
            trigger_source, status, created_at, finished_at, lease_owner,
            lease_expires_at) VALUES ({sql_str(run)}, {sql_str(self.t.org)},
            {sql_str(site)}, 'http://127.0.0.1:9/', 'audit', 'api', {sql_str(status)},
            {at}, {at if status in ('completed', 'failed') else 'NULL'},
            {"'test'" if status == 'running' else 'NULL'}, {lease})""")
        rows = [("runs", run)]
        if report and status == "completed":
            mariadb(self.state, f"""INSERT INTO reports (id, run_id, org_id, site_id,
                health, report_json, created_at) VALUES ({sql_str(rep)}, {sql_str(run)},
                {sql_str(self.t.org)}, {sql_str(site)}, 80, '{{}}', {at});
                UPDATE runs SET report_id = {sql_str(rep)} WHERE id = {sql_str(run)}""")
            for i in range(pages):
                mariadb(self.state, f"""INSERT INTO report_pages (report_id, org_id,
                    page_url, page_path, strategy, page_json) VALUES ({sql_str(rep)},
                    {sql_str(self.t.org)}, 'http://127.0.0.1:9/p{i}', '/p{i}',
                    'mobile', '{{}}')""")
            os.makedirs(os.path.dirname(self.pdf(rep)), exist_ok=True)
            with open(self.pdf(rep), "wb") as f:
                f.write(b"%PDF-1.4 retention test\n")
            rows.append(("reports", rep))
            (self.pdf_gone if expect == "gone" else self.pdf_kept).append(self.pdf(rep))
        (self.gone if expect == "gone" else self.kept).extend(rows)
        return run, rep

    def page_audit(self, age_days, status="COMPLETED", expect="gone"):
        pid = str(uuid.uuid4())
        lease = "NOW(3) + INTERVAL 1 DAY" if status == "GENERATING" else "NULL"
        mariadb(self.state, f"""INSERT INTO page_audits (id, org_id, page_url, status,
            mode, lease_owner, lease_expires_at, created_at) VALUES ({sql_str(pid)},
            {sql_str(self.t.org)}, 'http://127.0.0.1:9/', {sql_str(status)}, 'quota',
            {"'test'" if lease != 'NULL' else 'NULL'}, {lease},
            NOW(3) - INTERVAL {int(age_days * DAY)} SECOND)""")
        (self.gone if expect == "gone" else self.kept).append(("page_audits", pid))

    def delivery(self, age_days, status="delivered", expect="gone"):
        if not hasattr(self, "sub"):
            self.sub = str(uuid.uuid4())
            mariadb(self.state, f"""INSERT INTO webhook_subscriptions (id, org_id, url,
                events, secret) VALUES ({sql_str(self.sub)}, {sql_str(self.t.org)},
                'http://127.0.0.1:9/hook', 'scan.completed', 'whsec_test')""")
        did = str(uuid.uuid4())
        # a pending delivery is not due for a day: the webhooks job leaves it
        mariadb(self.state, f"""INSERT INTO webhook_deliveries (id, subscription_id,
            org_id, event_id, event_type, payload, status, next_attempt_at, created_at)
            VALUES ({sql_str(did)}, {sql_str(self.sub)}, {sql_str(self.t.org)},
            UUID(), 'scan.completed', '{{}}', {sql_str(status)},
            NOW(3) + INTERVAL 1 DAY, NOW(3) - INTERVAL {int(age_days * DAY)} SECOND)""")
        (self.gone if expect == "gone" else self.kept).append(("webhook_deliveries", did))

    def exists(self, table, rid):
        return mariadb(self.state, f"SELECT COUNT(*) FROM {table} WHERE id = {sql_str(rid)}"
                       ) == [["1"]]

    def check(self):
        for table, rid in self.gone:
            assert not self.exists(table, rid), f"{table} {rid} should be pruned"
        for table, rid in self.kept:
            assert self.exists(table, rid), f"{table} {rid} should be kept"
        for p in self.pdf_gone:
            assert not os.path.exists(p), p
        for p in self.pdf_kept:
            assert os.path.exists(p), p


def test_org_retention_cli_shows_sets_and_resets():
    t = Tenant()
    assert admin("org", "retention", t.org) == "retention: 365 days (the configured default)"
    assert admin("org", "retention", t.org, "30") == "retention: 30 days (org override)"
    assert admin("org", "retention", t.org) == "retention: 30 days (org override)"
    assert admin("org", "retention", t.org, "0") == "retention: keep forever (org override)"
    assert admin("org", "retention", t.org, "default") == \
        "retention: 365 days (the configured default)"
    for bad in ("-1", "36501", "30d", "forever"):
        rc, _, err = cli("org", "retention", t.org, bad)
        assert rc == 2 and "DAYS must be 0 (keep forever) to 36500, or 'default'" in err
    rc, _, err = cli("org", "retention", str(uuid.uuid4()), "30")
    assert rc == 2 and "no such org" in err
    rc, _, err = cli("org", "retention", "not-an-id", "30")
    assert rc == 2 and "UUID" in err
    rc, _, err = cli("org", "retention")
    assert rc == 2 and "org retention ORG_ID" in err


def hold_row_lock(state, run_id):
    """A client holding run_id's row lock until closed (SKIP LOCKED skips it)."""
    p = subprocess.Popen(["mariadb", "--no-defaults", f"--socket={state}/run/mysqld.sock",
                          "-uroot", "-N", "-B", "--unbuffered", "siteaudit"],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    p.stdin.write(f"BEGIN; SELECT id FROM runs WHERE id = {sql_str(run_id)} FOR UPDATE;\n")
    p.stdin.flush()
    assert p.stdout.readline().strip() == run_id
    return p


def make_due(state):
    mariadb(state, "UPDATE runner_jobs SET next_run_at = NOW(3) - INTERVAL 1 SECOND"
                   " WHERE name = 'retention'")


LINE = re.compile(r"retention: complete pass over \d+ org\(s\): (\d+) run\(s\), (\d+) "
                  r"report\(s\), (\d+) page row\(s\), (\d+) PDF file\(s\), (\d+) page "
                  r"audit\(s\), (\d+) webhook delivery log\(s\) pruned; 0 PDF file\(s\)"
                  r" not removable")


def test_prune_pass_removes_exactly_what_is_past_each_horizon(state_dir, bin_dir, conf,
                                                              base_url):
    # a first pass clears whatever else is due (earlier suites, aborted runs)
    # so the counts of the measured pass are ours alone
    make_due(state_dir)
    assert run_once(bin_dir, conf).returncode == 0
    a = Org(state_dir, days=10)      # prunes after 10 days
    b = Org(state_dir, days=60)      # after 60
    c = Org(state_dir)               # the config's 3650 days
    d = Org(state_dir, days=0)       # never
    # A: five old runs of its site (several batches of 2), the newest kept
    for age in (40, 35, 30, 25, 20):
        a.run(age)
    a.run(20, status="failed", report=False)
    a.run(20, site=None)                              # a bare URL audit
    latest_run, latest_rep = a.run(5, expect="kept")  # within the horizon
    queued, _ = a.run(50, status="queued", expect="kept")
    a.run(50, status="running", expect="kept")
    # a second site not scanned for 20 days: its newest report stays
    site2 = admin("site", "create", "--org", a.t.org, "--name", "Old site",
                  "--url", "https://example.org/")
    a.run(40, site=site2)
    old_run2, old_rep2 = a.run(20, site=site2, expect="kept")
    a.page_audit(20)
    a.page_audit(20, status="FAILED")
    a.page_audit(20, status="GENERATING", expect="kept")
    a.page_audit(5, expect="kept")
    a.delivery(20)
    a.delivery(20, status="dead")
    a.delivery(20, status="pending", expect="kept")
    a.delivery(5, expect="kept")
    mariadb(state_dir, f"""INSERT INTO usage_ledger (org_id, kind, credits, run_id,
        created_at) VALUES ({sql_str(a.t.org)}, 'scan', 0, {sql_str(queued)},
        NOW(3) - INTERVAL 90 DAY)""")
    # B: 40 days is inside its 60
    b.run(90)
    b.run(40, expect="kept")
    b.run(10, expect="kept")
    b.page_audit(90)
    b.page_audit(40, expect="kept")
    b.delivery(90)
    b.delivery(40, expect="kept")
    # C: the config default, 3650 days
    c.run(4000)
    c.run(400, expect="kept")
    c.page_audit(4000)
    c.delivery(400, expect="kept")
    # D: kept forever
    d.run(5000, expect="kept")
    d.run(4000, expect="kept")
    d.page_audit(5000, expect="kept")
    d.delivery(5000, expect="kept")

    make_due(state_dir)
    lock = hold_row_lock(state_dir, queued)
    try:
        res = run_once(bin_dir, conf)
    finally:
        lock.stdin.write("ROLLBACK;\n")
        lock.stdin.close()
        lock.wait(timeout=30)
    assert res.returncode == 0, res.stderr
    m = LINE.search(res.stderr)
    assert m, res.stderr
    # runs: A 5+1+1+1, B 1, C 1; reports: A 5+1+1, B 1, C 1; pages 3 each
    assert [int(x) for x in m.groups()] == [10, 9, 27, 9, 4, 3]
    for org in (a, b, c, d):
        org.check()
    assert mariadb(state_dir, f"SELECT status FROM runs WHERE id = {sql_str(queued)}") == \
        [["queued"]]
    assert mariadb(state_dir, f"SELECT COUNT(*) FROM usage_ledger WHERE org_id ="
                              f" {sql_str(a.t.org)}") == [["1"]]
    assert mariadb(state_dir, f"SELECT COUNT(*) FROM report_pages WHERE report_id IN"
                              f" ({sql_str(latest_rep)}, {sql_str(old_rep2)})") == [["6"]]
    # the API's latest still answers for the site not scanned in 20 days
    sites = call(base_url, "GET", "/api/mcp/sites", key=a.t.key)
    assert sites.status_code == 200, sites.text
    latest = {s["id"]: s["latestScan"] for s in sites.json()["sites"]}
    assert latest[site2]["reportId"] == old_rep2
    assert latest[a.t.site]["reportId"] == latest_rep

    # at most one pass an hour: the next round leaves a new old run alone
    late, _ = a.run(30)
    res = run_once(bin_dir, conf)
    assert res.returncode == 0, res.stderr
    assert "retention:" not in res.stderr
    assert a.exists("runs", late)
    make_due(state_dir)
    res = run_once(bin_dir, conf)
    assert res.returncode == 0 and LINE.search(res.stderr), res.stderr
    assert not a.exists("runs", late)
