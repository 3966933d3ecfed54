"""SSRF suite (issue 11 item 2, docs/security-testing.md).

Every entry point that makes the server fetch a user-supplied URL is tried
against every forbidden target, under the production setting
(audit.allow_private_targets = false). The shared stack allows loopback (its
fixtures live there), so this module runs its own strict programs inside a
private network namespace (tests/e2e/ssrf_lab.py): a siteaudit-fcgi pool,
siteaudit-runner --once and the CLI. In that namespace every forbidden
address is live — a dual-stack listener catches any TCP connection to any
of them — and each test asserts that no connection ever arrived, on top of
the documented refusal. One stand-in public address (ssrf_lab.ORIGIN) serves
redirects, oversized bodies, a gzip bomb and a slow drip; a DNS responder
answers *.ssrf.test, including names that rebind from public to loopback.
"""
import json
import os
import shutil
import tempfile
import uuid

import pytest

from conftest import mariadb, wait_until
from ssrf_lab import HOSTS_NAME, ORIGIN, Lab
from test_api_runs import fcgi_post
from test_api_util import Tenant, admin, insert_run, sql_str
from test_runner_helpers import pause_stack_runner, resume_stack_runner

START = "/api/mcp/start-audit"
SCAN = "/api/external/scan"
PAGE = "/api/mcp/page-audits"
SUBSCRIBE = "/api/external/webhooks/subscribe"
FETCH_FAILED = {"success": False, "ok": False, "error": "fetch_failed",
                "message": "Could not fetch the page. The URL may be private,"
                " redirecting, or blocking crawlers."}

# host[:port] forms that all mean a forbidden address (the lab makes each
# one live; multicast and broadcast cannot take a TCP connection at all).
FORBIDDEN_HOSTS = [
    "127.0.0.1", "127.0.0.1:8080", "2130706433", "0177.0.0.1", "017700000001",
    "0x7f.0.0.1", "0x7f000001", "127.1", "0x7f.1", "localhost", "localhost.",
    "LOCALHOST", "0", "0.0.0.0", "[::]", "[::1]", "[::1]:8080",
    "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[0:0:0:0:0:ffff:127.0.0.1]",
    "[::127.0.0.1]", "[2002:7f00:1::]", "[::ffff:0:7f00:1]", "[64:ff9b::7f00:1]",
    "\uff11\uff12\uff17.\uff10.\uff10.\uff11", "127.0.0.1.",
    "10.0.0.1", "172.16.0.1", "172.31.255.255",
    "192.168.0.1", "169.254.169.254", "100.64.0.1", "[fc00::1]", "[fd12:3456::1]",
    "[fe80::1]", "[fe80::1%25lo]", "224.0.0.1", "[ff02::1]", "255.255.255.255",
    "loop.ssrf.test", "loop6.ssrf.test", "meta.ssrf.test", "private.ssrf.test",
    "mixed.ssrf.test", "mapped.ssrf.test", HOSTS_NAME,
]
FORBIDDEN = [f"http://{h}/" for h in FORBIDDEN_HOSTS]
# Forms getaddrinfo() will not take (fullwidth digits, a trailing dot on a
# numeric address): the handlers answer "does not resolve"; curl would still
# reach 127.0.0.1 with them, so the runner tests below queue them too.
UNRESOLVABLE = {"http://\uff11\uff12\uff17.\uff10.\uff10.\uff11/", "http://127.0.0.1./"}

# Not http(s), or carrying credentials: refused as invalid before any lookup.
BAD_SCHEME = ["file:///etc/passwd", "gopher://127.0.0.1:80/_GET%20/", "dict://127.0.0.1:80/info",
              "ftp://127.0.0.1/", "ldap://127.0.0.1/", "FILE:///etc/hosts"]
CREDENTIALS = ["http://user:pass@127.0.0.1/", f"http://user:pass@{ORIGIN}/page",
               f"http://{ORIGIN}@127.0.0.1/", "http://user@public.ssrf.test/page"]


def assert_refused(status, body, code="private_target"):
    """422 with code, or validation_error "does not resolve" for UNRESOLVABLE."""
    assert status == 422, body
    assert body["error"] == code or (
        body["error"] == "validation_error" and "does not resolve" in body["message"]), body


# --- the lab and the strict programs inside it ---------------------------------

class Strict:
    """The lab plus a strict config, a strict FastCGI pool and helpers."""

    def __init__(self, lab, conf, sock, bin_dir):
        self.lab, self.conf, self.sock, self.bin = lab, conf, sock, bin_dir
        self.orgs = []

    def tenant(self, plan):
        """A fresh org whose rows are deleted when the module ends, so the
        stack's permissive runner never acts on them (scheduled scans,
        webhook retries)."""
        t = Tenant(plan=plan, site_url=f"http://{ORIGIN}/page")
        self.orgs.append(t.org)
        return t

    def forget_orgs(self, state):
        if self.orgs:
            mariadb(state, "DELETE FROM orgs WHERE id IN ("
                    + ", ".join(sql_str(o) for o in self.orgs) + ")")

    def post(self, uri, key, body):
        status, payload = fcgi_post(self.sock, uri, key, json.dumps(body))
        return status, json.loads(payload) if payload else None

    def env(self):
        """The strict config, and proxy variables naming the origin: the
        guard must not be bypassed by fetching through a proxy."""
        proxy = f"http://{ORIGIN}:8080"
        return dict(os.environ, SITEAUDIT_CONF=self.conf, http_proxy=proxy,
                    HTTP_PROXY=proxy, https_proxy=proxy, HTTPS_PROXY=proxy,
                    ALL_PROXY=proxy, all_proxy=proxy)

    def run_runner(self):
        res = self.lab.run([os.path.join(self.bin, "siteaudit-runner"), "--once"],
                           env=self.env())
        assert res.returncode == 0, res.stderr
        return res

    def cli_audit(self, url):
        return self.lab.run([os.path.join(self.bin, "siteaudit"), "audit", "--json", url],
                            env=self.env(), timeout=60)

    def assert_no_hits(self):
        assert self.lab.hits() == [], "a forbidden address was connected to"


def strict_conf(conf_path, work, sock):
    """The stack's config with the production guard and small caps."""
    text = open(conf_path).read()
    text = text.replace("listen = unix:", f"listen = unix:{sock}\n# was: ")
    text = text.replace("workers = ", "workers = 1\n# was: ")
    text = text.replace("allow_private_targets = true", "\n".join([
        "allow_private_targets = false", "connect_timeout_ms = 2000",
        "total_timeout_ms = 3000", "max_document_bytes = 1M",
        "max_resource_bytes = 1M", "max_decoded_bytes = 4M", "max_redirects = 5"]))
    text = text.replace("[runner]", "[runner]\nconcurrency = 4")
    assert "allow_private_targets = false" in text
    conf = os.path.join(work, "strict.conf")
    with open(conf, "w") as f:
        f.write(text)
    return conf


@pytest.fixture(scope="module")
def strict(conf_path, bin_dir, state_dir, root_dir):
    if os.geteuid() != 0 or not shutil.which("unshare") or not shutil.which("nsenter"):
        pytest.skip("the SSRF lab needs root, unshare and nsenter")
    work = tempfile.mkdtemp(prefix="sa-ssrf-")
    sock = os.path.join(work, "pool.sock")
    conf = strict_conf(conf_path, work, sock)
    lab = Lab(work)
    st = Strict(lab, conf, sock, bin_dir)
    pause_stack_runner(state_dir)       # it allows private targets: keep it off our runs
    log = open(os.path.join(work, "pool.log"), "w")
    pool = lab.popen([os.path.join(bin_dir, "siteaudit-fcgi")],
                     env=dict(os.environ, SITEAUDIT_CONF=conf), stderr=log)
    try:
        assert wait_until(lambda: os.path.exists(sock), 10), "strict pool did not listen"
        yield st
    finally:
        pool.terminate()
        pool.wait(15)
        log.close()
        lab.stop()
        st.forget_orgs(state_dir)
        resume_stack_runner(root_dir)
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="module")
def org(strict):
    return strict.tenant("agency")


def run_state(state, rid):
    return mariadb(state, "SELECT status, COALESCE(error, ''), report_id IS NULL"
                   " FROM runs WHERE id = " + sql_str(rid))[0]


# --- POST /api/mcp/start-audit ------------------------------------------------

@pytest.mark.parametrize("url", FORBIDDEN)
def test_start_audit_refuses_forbidden_target(strict, org, url):
    status, body = strict.post(START, org.key, {"url": url})
    if url in UNRESOLVABLE:
        assert_refused(status, body)
    else:
        assert (status, body["error"]) == (422, "private_target"), body
        assert "only public addresses" in body["message"]
    strict.assert_no_hits()


@pytest.mark.parametrize("url", BAD_SCHEME + CREDENTIALS)
def test_start_audit_refuses_scheme_and_credentials(strict, org, url):
    status, body = strict.post(START, org.key, {"url": url})
    assert status == 422, body
    assert body["error"] == "validation_error" and "url" in body["message"], body
    strict.assert_no_hits()


def test_start_audit_accepts_the_public_origin(strict, state_dir, org):
    """The control: the same pool queues a public target — and it is the
    only run the refusals above left (one query for all of them)."""
    status, body = strict.post(START, org.key, {"url": f"http://{ORIGIN}/page"})
    assert status == 202 and body["status"] == "queued", body
    assert mariadb(state_dir, "SELECT url FROM runs WHERE org_id = "
                   + sql_str(org.org)) == [[f"http://{ORIGIN}/page"]]


# --- POST /api/mcp/page-audits (https only; 422 fetch_failed; no charge) ----------

def page_rows(state, t):
    return mariadb(state, "SELECT (SELECT COUNT(*) FROM page_audits WHERE org_id = "
                   f"{sql_str(t.org)}), (SELECT COUNT(*) FROM usage_ledger WHERE"
                   f" org_id = {sql_str(t.org)} AND kind <> 'credit_grant')")[0]


@pytest.mark.parametrize("host", FORBIDDEN_HOSTS)
def test_page_audit_refuses_forbidden_target(strict, org, host):
    status, body = strict.post(PAGE, org.key, {"projectId": org.site,
                                               "pageUrl": f"https://{host}/page"})
    assert (status, body) == (422, FETCH_FAILED)
    strict.assert_no_hits()


@pytest.mark.parametrize("url", BAD_SCHEME + CREDENTIALS + ["http://public.ssrf.test/page"])
def test_page_audit_refuses_scheme_and_credentials(strict, org, url):
    status, body = strict.post(PAGE, org.key, {"projectId": org.site, "pageUrl": url})
    assert status == 422, body
    assert body["error"] in ("validation_error", "fetch_failed"), body
    strict.assert_no_hits()


def test_refused_page_audits_queued_and_charged_nothing(state_dir, org):
    """After every refusal above (one query for all of them): no page audit,
    no ledger row — 003's "no credits are charged"."""
    assert page_rows(state_dir, org) == ["0", "0"]


# --- POST /api/external/webhooks/subscribe -------------------------------------

@pytest.mark.parametrize("url", FORBIDDEN)
def test_webhook_subscribe_refuses_forbidden_target(strict, org, url):
    status, body = strict.post(SUBSCRIBE, org.key, {"url": url + "hook",
                                                    "events": ["scan.completed"]})
    if url in UNRESOLVABLE:
        assert_refused(status, body)
    else:
        assert (status, body["error"]) == (422, "private_target"), body
    strict.assert_no_hits()


@pytest.mark.parametrize("url", BAD_SCHEME + CREDENTIALS)
def test_webhook_subscribe_refuses_scheme_and_credentials(strict, org, url):
    status, body = strict.post(SUBSCRIBE, org.key, {"url": url,
                                                    "events": ["scan.completed"]})
    assert status == 422 and body["error"] == "validation_error", body
    strict.assert_no_hits()


def test_refused_subscriptions_were_not_stored(state_dir, org):
    assert mariadb(state_dir, "SELECT COUNT(*) FROM webhook_subscriptions WHERE"
                   " org_id = " + sql_str(org.org)) == [["0"]]


# --- what gets past the handlers: the runner's guard ---------------------------

@pytest.fixture(scope="module")
def runner_batch(strict, state_dir, bin_dir):
    """Queues everything the runner must refuse or cap, runs the strict
    runner once inside the lab, and returns {name: (run id, url)}."""
    t = strict.tenant("pro")
    batch = {}

    def start(name, url):
        status, body = strict.post(START, t.key, {"url": url})
        assert status == 202, (name, body)
        batch[name] = (body["runId"], url)

    # 1. redirect chains from the public origin to forbidden targets
    for to in ["http://127.0.0.1:8080/secret", "http://2130706433/", "http://[::1]/",
               "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/",
               "http://[::ffff:127.0.0.1]/", "http://loop.ssrf.test/",
               "http://localhost./", "file:///etc/passwd", "gopher://127.0.0.1/"]:
        start("redirect " + to, f"http://public.ssrf.test/redirect?to={to}")
    start("chain", "http://public.ssrf.test/chain?n=3&to=http://127.0.0.1/")
    start("307", "http://public.ssrf.test/redirect?code=307&to=http://[fc00::1]/")
    # 2. DNS rebinding: public when the handler checks, loopback after
    batch["rebind-name"] = f"rebind-{uuid.uuid4().hex[:12]}.ssrf.test"
    start("rebind", f"http://{batch['rebind-name']}/page")
    # 3. caps on the public origin
    start("big", "http://public.ssrf.test/big")
    start("gzip-bomb", "http://public.ssrf.test/gzip-bomb")
    start("header-bomb", "http://public.ssrf.test/header-bomb")
    start("slow", "http://public.ssrf.test/slow")
    start("ok", "http://public.ssrf.test/page")          # the control
    # 4. runs queued behind the handler's back (an older permissive config, a
    #    row written by hand): the runner's own guard must refuse them
    for host in FORBIDDEN_HOSTS:
        url = f"http://{host}/"
        batch["queued " + host] = (insert_run(state_dir, t, "queued", site=False,
                                              url=url), url)
    # 5. sub-resources of a public page on forbidden hosts (fetched, refused)
    for host in ["127.0.0.1", "169.254.169.254", "[::1]", "10.0.0.1"]:
        start("subresources " + host,
              f"http://public.ssrf.test/rebind-page?host={host}")
    # 6. webhook deliveries and page audits queued behind the handlers' back
    for url in WEBHOOK_TARGETS:
        batch["webhook " + url] = queue_webhook(state_dir, t, url)
    for url in PAGE_AUDIT_TARGETS:
        batch["page audit " + url] = queue_page_audit(state_dir, t, url)
    # 7. scans of sites whose base URL is forbidden (POST /api/external/scan)
    keys = [t.key, t.new_user()[1]]            # 5 scans per user per hour
    for n, host in enumerate(SCAN_HOSTS):
        url = f"http://{host}/"
        site = admin("site", "create", "--org", t.org, "--name", "Forbidden " + host,
                     "--url", url)
        status, body = strict.post(SCAN, keys[n // 5], {"siteId": site})
        assert status == 202, (host, body)
        batch["scan " + host] = (body["scanId"], url)
    # 8. a public site whose robots.txt, sitemap and links lead to forbidden URLs
    site = admin("site", "create", "--org", t.org, "--name", "Crawl traps",
                 "--url", f"http://{ORIGIN}/crawl-home")
    status, body = strict.post(SCAN, keys[1], {"siteId": site})
    assert status == 202, body
    batch["crawl"] = (body["scanId"], site)
    # runs until nothing is queued; webhook rounds take 32 due deliveries
    # each, and other suites may have left some due before ours
    for _ in range(4):
        strict.run_runner()
        left = mariadb(state_dir, "SELECT COUNT(*) FROM webhook_deliveries WHERE"
                       f" org_id = {sql_str(t.org)} AND attempts = 0")
        if left == [["0"]]:
            break
    return batch


SCAN_HOSTS = ["127.0.0.1", "169.254.169.254", "[::1]", "0x7f000001", "10.0.0.1",
              "loop.ssrf.test"]
WEBHOOK_TARGETS = ["http://127.0.0.1/hook", "http://[::1]:8080/hook",
                   "http://169.254.169.254/hook", "http://loop.ssrf.test/hook",
                   "http://public.ssrf.test/redirect?code=307&to=http://127.0.0.1/hook"]
PAGE_AUDIT_TARGETS = ["http://127.0.0.1/page", "http://meta.ssrf.test/page",
                      "http://public.ssrf.test/redirect?to=http://127.0.0.1/"]


def queue_webhook(state, t, url):
    """A subscription and one due delivery, written by SQL (as if created
    under a permissive config): returns the delivery id."""
    sub, did = str(uuid.uuid4()), str(uuid.uuid4())
    mariadb(state, f"""INSERT INTO webhook_subscriptions (id, org_id, url, events,
        secret) VALUES ({sql_str(sub)}, {sql_str(t.org)}, {sql_str(url)},
        'budget.violated', 'whsec_test');
        INSERT INTO webhook_deliveries (id, subscription_id, org_id, event_id,
        event_type, payload) VALUES ({sql_str(did)}, {sql_str(sub)},
        {sql_str(t.org)}, {sql_str(str(uuid.uuid4()))}, 'scan.completed', '{{}}')""")
    return did


def queue_page_audit(state, t, url):
    aid = str(uuid.uuid4())
    mariadb(state, f"""INSERT INTO page_audits (id, org_id, site_id, user_id, page_url,
        mode) VALUES ({sql_str(aid)}, {sql_str(t.org)}, {sql_str(t.site)},
        {sql_str(t.user)}, {sql_str(url)}, 'quota')""")
    return aid


def failed_with(state_dir, batch, name, *words):
    rid, url = batch[name]
    status, error, no_report = run_state(state_dir, rid)
    assert (status, no_report) == ("failed", "1"), (name, status, error)
    for w in words:
        assert w.lower() in error.lower(), (name, error)
    return error


REDIRECTS = ["redirect http://127.0.0.1:8080/secret", "redirect http://2130706433/",
             "redirect http://[::1]/", "redirect http://169.254.169.254/latest/meta-data/",
             "redirect http://10.0.0.1/", "redirect http://[::ffff:127.0.0.1]/",
             "redirect http://loop.ssrf.test/", "redirect http://localhost./",
             "chain", "307"]


@pytest.mark.parametrize("name", REDIRECTS)
def test_redirect_to_forbidden_target_fails_the_run(strict, state_dir, runner_batch, name):
    failed_with(state_dir, runner_batch, name, "refused to connect")
    strict.assert_no_hits()


@pytest.mark.parametrize("name", ["redirect file:///etc/passwd",
                                  "redirect gopher://127.0.0.1/"])
def test_redirect_to_other_scheme_fails_the_run(strict, state_dir, runner_batch, name):
    failed_with(state_dir, runner_batch, name)
    strict.assert_no_hits()


def test_dns_rebinding_is_caught_at_connect(strict, state_dir, runner_batch):
    """The handler saw a public answer; the runner's connect-time check saw
    loopback (curl's opensocket callback) and refused."""
    name = runner_batch["rebind-name"]
    answers = [q["answer"] for q in strict.lab.dns_queries(name) if q["qtype"] == 1]
    assert answers[0] == [ORIGIN] and ["127.0.0.1"] in answers[1:], answers
    failed_with(state_dir, runner_batch, "rebind", "refused to connect", "127.0.0.1")
    strict.assert_no_hits()


@pytest.mark.parametrize("host", [h for h in FORBIDDEN_HOSTS if h != "mixed.ssrf.test"])
def test_runner_refuses_queued_forbidden_run(strict, state_dir, runner_batch, host):
    failed_with(state_dir, runner_batch, "queued " + host)
    strict.assert_no_hits()


def test_runner_uses_only_the_public_address_of_a_mixed_name(strict, state_dir,
                                                             runner_batch):
    """mixed.ssrf.test has a public and a loopback A record. The handlers
    refuse it outright (any private answer); a run queued behind their back
    may complete, but only over the public address: the guard judges the
    address actually connected to, so loopback is never reached."""
    rid, _ = runner_batch["queued mixed.ssrf.test"]
    assert run_state(state_dir, rid)[0] in ("completed", "failed")
    strict.assert_no_hits()


@pytest.mark.parametrize("host", SCAN_HOSTS)
def test_scan_of_forbidden_site_fails(strict, state_dir, runner_batch, host):
    failed_with(state_dir, runner_batch, "scan " + host)
    strict.assert_no_hits()


@pytest.mark.parametrize("host", ["127.0.0.1", "169.254.169.254", "[::1]", "10.0.0.1"])
def test_forbidden_subresources_are_never_fetched(strict, state_dir, runner_batch, host):
    rid, _ = runner_batch["subresources " + host]
    assert run_state(state_dir, rid)[0] == "completed"   # the page itself is public
    strict.assert_no_hits()


@pytest.mark.parametrize("url", WEBHOOK_TARGETS)
def test_webhook_delivery_to_forbidden_target_is_refused(strict, state_dir,
                                                         runner_batch, url):
    did = runner_batch["webhook " + url]
    status, attempts, code, error = mariadb(state_dir, "SELECT status, attempts,"
        " COALESCE(last_status_code, 0), COALESCE(last_error, '') FROM"
        " webhook_deliveries WHERE id = " + sql_str(did))[0]
    assert status != "delivered" and attempts == "1", (status, code, error)
    if "redirect" in url:
        assert code == "307"                  # answered, but never followed
    else:
        assert "refused to connect" in error.lower(), error
    strict.assert_no_hits()


@pytest.mark.parametrize("url", PAGE_AUDIT_TARGETS)
def test_page_audit_job_refuses_forbidden_target(strict, state_dir, runner_batch, url):
    aid = runner_batch["page audit " + url]
    status, error = mariadb(state_dir, "SELECT status, COALESCE(error_message, '')"
                            " FROM page_audits WHERE id = " + sql_str(aid))[0]
    assert status == "FAILED" and error.startswith("fetch_failed"), (status, error)
    strict.assert_no_hits()


def test_site_scan_never_follows_discovery_to_forbidden_urls(strict, state_dir,
                                                             runner_batch):
    rid, _ = runner_batch["crawl"]
    status, error, no_report = run_state(state_dir, rid)
    assert (status, no_report) == ("completed", "0"), error
    assert strict.lab.served("/robots.txt") and strict.lab.served("/sitemap.xml")
    strict.assert_no_hits()


def test_huge_document_is_capped(strict, state_dir, runner_batch):
    failed_with(state_dir, runner_batch, "big")
    sent = wait_until(lambda: strict.lab.served("/big"), 5)
    assert sent and sent[0]["bytes"] < 16 << 20, sent     # 1 MiB cap, of 64 MiB offered


def test_gzip_bomb_is_capped(strict, state_dir, runner_batch):
    failed_with(state_dir, runner_batch, "gzip-bomb")


def test_endless_headers_are_capped(strict, state_dir, runner_batch):
    failed_with(state_dir, runner_batch, "header-bomb")
    sent = wait_until(lambda: strict.lab.served("/header-bomb"), 5)
    assert sent and sent[0]["bytes"] < 16 << 20, sent     # 1 MiB cap, of 64 MiB offered


def test_slow_drip_times_out(strict, state_dir, runner_batch):
    failed_with(state_dir, runner_batch, "slow", "time")
    # the server notices the hang-up at its next write, half a second on
    sent = wait_until(lambda: strict.lab.served("/slow"), 5)
    assert sent and sent[0]["bytes"] < 100000, sent       # gave up long before the end


def test_public_control_run_completes(strict, state_dir, runner_batch):
    rid, _ = runner_batch["ok"]
    status, error, no_report = run_state(state_dir, rid)
    assert (status, no_report) == ("completed", "0"), error


# --- the CLI (same fetcher and guard as the runner) ------------------------------

@pytest.mark.parametrize("url", ["http://127.0.0.1/", "http://[::ffff:7f00:1]/",
                                 "http://meta.ssrf.test/", "http://0/",
                                 "http://public.ssrf.test/redirect?to=http://127.0.0.1/"])
def test_cli_audit_refuses(strict, url):
    res = strict.cli_audit(url)
    assert res.returncode != 0, res.stdout
    assert "public" in res.stderr or "public" in res.stdout, res.stderr
    strict.assert_no_hits()


def test_cli_subresources_on_a_rebinding_name(strict):
    """A page on a name whose first answer is public and every later one
    loopback; its CSS / JS / image live on the same name. The document comes
    from the public origin; the sub-resource fetches (a new connection, a new
    lookup) get loopback and never reach it."""
    name = f"rebind-{uuid.uuid4().hex[:12]}.ssrf.test"
    res = strict.cli_audit(f"http://{name}/rebind-page?host={name}")
    assert res.returncode in (0, 1), res.stderr          # the page itself is fine
    answers = [q["answer"] for q in strict.lab.dns_queries(name) if q["qtype"] == 1]
    assert ["127.0.0.1"] in answers, answers             # a loopback answer was given
    strict.assert_no_hits()
