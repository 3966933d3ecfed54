"""End-to-end tests for the agent-readiness checks: `siteaudit audit --only agent`.

The fixture nginx (tests/fixtures/nginx-locations.conf) serves two sites from
one server: reached as 127.0.0.1 it has a good llms.txt, llms-full.txt and a
well-known ai-catalog; reached as "localhost" its llms.txt answers 500 and its
robots.txt blocks AI crawlers and announces an invalid ai-catalog (Agentmap).
Every fetch goes through the real guarded fetcher over loopback.
"""
import json
import os

from test_audit_cli import audit, audit_json

AGENT = ("--only", "agent")


def issue(doc, check_id):
    for it in doc["issues"]:
        if it["id"] == check_id:
            assert it["dimension"] == "agentReadiness"
            return it
    return None


def notes(it):
    return [e.get("note") or "" for e in it["examples"]]


def page(fixtures_url, path, host="127.0.0.1"):
    return fixtures_url.rstrip("/").replace("127.0.0.1", host) + path


def access_count(state_dir, path):
    """Requests for path in the stack's nginx access log so far."""
    log = os.path.join(state_dir, "log", "nginx-access.log")
    with open(log, encoding="utf-8", errors="replace") as f:
        return sum(1 for line in f if f'"GET {path} ' in line)


def test_good_site_scores_full(bin_dir, fixtures_url):
    doc = audit_json(bin_dir, page(fixtures_url, "/agent/good.html"), *AGENT)
    assert doc["scores"] == {"agentReadiness": 100}
    assert doc["overall"] is None   # the sixth score is never in overall
    assert doc["issues"] == []


def test_failing_site_llms_500_catalog_robots(bin_dir, fixtures_url):
    doc = audit_json(bin_dir, page(fixtures_url, "/agent/good.html",
                                   "localhost"), *AGENT)
    llms = issue(doc, "llms-txt")
    assert llms and notes(llms) == ["Failed with HTTP status 500"]
    cat = issue(doc, "ai-catalog")   # discovered through robots.txt
    assert cat and cat["severity"] == "moderate"
    assert all("/agent/catalog/invalid.json" in e["snippet"]
               for e in cat["examples"])
    assert any("'displayName' is a required property" in n
               for n in notes(cat))
    crawlers = issue(doc, "ai-crawler-access")
    assert crawlers and crawlers["severity"] == "info"
    assert sorted(e["snippet"] for e in crawlers["examples"]) == \
        ["CCBot", "GPTBot", "Google-Extended"]
    # the page itself is the good one: only the site files cost points
    assert 0 < doc["scores"]["agentReadiness"] < 100


def test_app_shell_and_webmcp(bin_dir, fixtures_url):
    doc = audit_json(bin_dir, page(fixtures_url, "/agent/shell.html"), *AGENT)
    assert "Only 2 characters" in notes(issue(doc, "content-without-js"))[0]
    cover = issue(doc, "webmcp-form-coverage")
    assert cover["severity"] == "info"
    assert [e["selector"] for e in cover["examples"]] == ["form#search"]
    assert issue(doc, "semantic-structure") is not None
    assert doc["scores"]["agentReadiness"] < 50

    doc = audit_json(bin_dir, page(fixtures_url, "/agent/webmcp-invalid.html"),
                     *AGENT)
    schema = issue(doc, "webmcp-schema-validity")
    assert schema and schema["count"] == 6
    assert any("`tooldescription` attribute is missing" in n
               for n in notes(schema))


def test_catalog_from_link_header(bin_dir, fixtures_url):
    # header.json is valid: found through the Link header, it passes; the
    # text report names no ai-catalog failure
    p = audit(bin_dir, "--allow-private", *AGENT,
              page(fixtures_url, "/agent/link-header.html"))
    assert p.returncode == 0, p.stderr
    assert "Agent readiness" in p.stdout
    assert "ai-catalog" not in p.stdout
    assert "structured-data-coverage" in p.stdout


def test_crawl_fetches_site_files_once(bin_dir, fixtures_url, state_dir):
    before = {f: access_count(state_dir, f)
              for f in ("/llms.txt", "/llms-full.txt", "/agent/good.html")}
    p = audit(bin_dir, "--allow-private", "--json", *AGENT, "--max-pages",
              "3", "--site", page(fixtures_url, "/agent/docs.html"))
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    paths = sorted(pg["pagePath"] for pg in doc["pages"])
    assert "/agent/good.html" in paths and len(paths) >= 2
    after = {f: access_count(state_dir, f) for f in before}
    # llms.txt and llms-full.txt once per origin, not once per page (the
    # llms.txt link to llms-full.txt reuses that fetch)
    assert after["/llms.txt"] - before["/llms.txt"] == 1
    assert after["/llms-full.txt"] - before["/llms-full.txt"] == 1


def test_page_audit_agent_edits(base_url, fixtures_url):
    """A page audit (runner, audit_html + the site's files fetched) of the
    app shell suggests WebMCP attributes; its origin's llms.txt passes, so
    no llms.txt draft. The failing origin ("localhost") gets one."""
    from test_api_util import Tenant
    from test_page_audits import queue, wait_done

    shell = page(fixtures_url, "/agent/shell.html")
    t = Tenant(plan="pro", site_url=shell)
    r = queue(base_url, t, shell)
    assert r.status_code == 202, r.text
    a = wait_done(base_url, t, r.json()["auditId"])
    assert a["status"] == "COMPLETED", a
    by_type = {}
    for m in a["modifications"]:
        by_type.setdefault(m["type"], []).append(m)
    tool = by_type["webmcp_tool"][0]
    assert tool["target"] == "form#search" and tool["source"] == "rules"
    assert 'toolname="search"' in tool["proposedValue"]
    assert by_type["webmcp_param"][0]["proposedValue"] == \
        'toolparamdescription="Search"'
    assert "llms_txt" not in by_type

    bad = page(fixtures_url, "/agent/good.html", "localhost")
    r = queue(base_url, t, bad)
    assert r.status_code == 202, r.text
    a = wait_done(base_url, t, r.json()["auditId"])
    drafts = [m for m in a["modifications"] if m["type"] == "llms_txt"]
    assert len(drafts) == 1
    assert drafts[0]["proposedValue"].startswith(
        "# Field notes on rainwater harvesting for small gardens\n")
    assert "does not follow" in drafts[0]["reason"]
