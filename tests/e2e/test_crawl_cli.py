"""End-to-end tests for site crawls: `siteaudit audit --site` and the runner's
scans, against the generated 200-page site (tests/gen-crawl-site) that the
stack serves at $SITEAUDIT_FIXTURES_URL/generated/crawl-site/."""
import json
import os
import subprocess
import uuid

import pytest

from conftest import mariadb
from test_runner_helpers import (conf_copy, insert_run, pause_stack_runner,
                                 resume_stack_runner, run_once, run_row)

EXIT_USAGE = 2


def audit(bin_dir, *args, timeout=120):
    env = {k: v for k, v in os.environ.items() if k != "SITEAUDIT_CONF"}
    env["NO_COLOR"] = "1"
    return subprocess.run([os.path.join(bin_dir, "siteaudit"), "audit", *args],
                          env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def site_url(fixtures_url):
    return fixtures_url.rstrip("/") + "/generated/crawl-site/"


@pytest.fixture(scope="module")
def expected(state_dir):
    path = os.path.join(state_dir, "generated", "crawl-site", "expected-pages.txt")
    with open(path) as f:
        return f.read().split()


def crawl_json(bin_dir, site_url, *extra):
    p = audit(bin_dir, "--allow-private", "--json", "--site", site_url, *extra)
    assert p.returncode == 0, p.stderr
    assert p.stderr == ""                     # no progress line off a terminal
    return json.loads(p.stdout)


@pytest.fixture(scope="module")
def full(bin_dir, site_url):
    return crawl_json(bin_dir, site_url, "--max-pages", "500")


def test_full_crawl_finds_exactly_the_expected_pages(full, expected):
    urls = [p["pageUrl"] for p in full["pages"]]
    assert len(urls) == len(set(urls))       # no duplicate spellings
    assert sorted(urls) == urls               # sorted by URL
    assert set(urls) == set(expected)
    assert len(urls) == 190                   # 200 minus the 10 disallowed


def test_robots_disallow_and_non_html_are_skipped(full):
    assert not any("/private/" in p["pageUrl"] for p in full["pages"])
    assert not any(p["pageUrl"].endswith((".pdf", "/feed")) for p in full["pages"])
    st = full["crawl"]
    assert st["pages"] == 190 and st["disallowed"] == 10
    assert st["nonHtml"] == 2 and st["errors"] == 1      # pdf + feed; missing.html
    assert st["sitemaps"] == 3                           # index + plain + gzip'd


def test_site_scores_are_means_over_pages(full):
    for dim, score in full["scores"].items():
        vals = [p["scores"][dim] for p in full["pages"] if p["scores"].get(dim) is not None]
        if vals:
            assert abs(score - sum(vals) / len(vals)) <= 0.5 + 1e-9
    assert full["strategy"] == "mobile"


def test_max_pages_caps_the_crawl_deterministically(bin_dir, site_url):
    a = crawl_json(bin_dir, site_url, "--max-pages", "10")
    b = crawl_json(bin_dir, site_url, "--max-pages", "10", "--parallel", "8")
    urls = [p["pageUrl"] for p in a["pages"]]
    assert len(urls) == 10 and len(set(urls)) == 10
    assert urls == [p["pageUrl"] for p in b["pages"]]    # not timing-dependent
    assert site_url in urls                              # the start page comes first


def test_strategy_both_gives_two_rows_per_page(bin_dir, site_url):
    doc = crawl_json(bin_dir, site_url, "--max-pages", "5", "--strategy", "both")
    rows = [(p["pageUrl"], p["strategy"]) for p in doc["pages"]]
    assert len(rows) == 10 and len(set(rows)) == 10
    assert {s for _, s in rows} == {"mobile", "desktop"}
    assert doc["strategy"] == "both" and "desktop" in doc


def test_text_output_summarises_the_crawl(bin_dir, site_url):
    p = audit(bin_dir, "--allow-private", "--site", site_url, "--max-pages", "3")
    assert p.returncode == 0, p.stderr
    assert "Crawled 3 pages" in p.stdout


@pytest.mark.parametrize("args", [["--max-pages", "0"], ["--max-pages", "10001"],
                                  ["--max-pages", "x"], ["--parallel", "0"]])
def test_bad_crawl_options_are_usage_errors(bin_dir, site_url, args):
    p = audit(bin_dir, "--allow-private", "--site", site_url, *args)
    assert p.returncode == EXIT_USAGE


def test_max_pages_needs_site(bin_dir, site_url):
    assert audit(bin_dir, "--max-pages", "5", site_url).returncode == EXIT_USAGE


def test_site_refused_without_allow_private(bin_dir, site_url):
    p = audit(bin_dir, "--site", site_url)
    assert p.returncode == 5, p.stderr


# ---- the runner's scans --------------------------------------------------

@pytest.fixture(scope="module")
def runner_conf(conf_path, tmp_path_factory):
    work = tmp_path_factory.mktemp("crawl-runner")
    return conf_copy(conf_path, str(work / "fast.conf"), concurrency=2, poll_seconds=1)


@pytest.fixture(scope="module")
def own_runners(state_dir, root_dir):
    pause_stack_runner(state_dir)
    yield
    resume_stack_runner(root_dir)


def test_runner_scan_crawls_up_to_page_limit(own_runners, state_dir, bin_dir, runner_conf,
                                             site_url):
    rid = str(uuid.uuid4())
    insert_run(state_dir, rid, site_url, kind="scan", extra_cols=", page_limit",
               extra_vals=", 40")
    res = run_once(bin_dir, runner_conf)
    assert res.returncode == 0, res.stderr
    status, report_id = run_row(state_dir, rid, "status, report_id")
    assert status == "completed", run_row(state_dir, rid, "error")
    pages = mariadb(state_dir, "SELECT page_path FROM report_pages"
                               f" WHERE report_id = '{report_id}'")
    paths = [p[0] for p in pages]
    assert len(paths) == 40 and len(set(paths)) == 40


def test_runner_audit_stays_one_page(own_runners, state_dir, bin_dir, runner_conf, site_url):
    rid = str(uuid.uuid4())
    insert_run(state_dir, rid, site_url, kind="audit", extra_cols=", page_limit",
               extra_vals=", 40")
    res = run_once(bin_dir, runner_conf)
    assert res.returncode == 0, res.stderr
    report_id, = run_row(state_dir, rid, "report_id")
    n, = mariadb(state_dir, "SELECT COUNT(*) FROM report_pages"
                            f" WHERE report_id = '{report_id}'")[0]
    assert n == "1"
