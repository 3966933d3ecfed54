"""Page audits with the optional LLM writer ([llm] in the config): a fake
OpenAI-compatible server on 127.0.0.1 answers; the texts it writes replace
the rules' (source "llm"); when it is too slow the rules' texts stay
(source "rules") and the audit still completes; the key is never logged."""
import http.server
import json
import os
import threading
import time

import pytest

from test_api_util import Tenant, call
from test_runner_helpers import pause_stack_runner, resume_stack_runner, run_once

KEY = "test-key-5ecr3t"
LLM_TEXT = "Written by the model"
PAGE = "/sample-site/menu.html"   # short title, an image without alt


class FakeLLM(http.server.BaseHTTPRequestHandler):
    sleep = 0.0
    requests = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        entry = {"auth": self.headers.get("Authorization"),
                 "path": self.path, "body": body}
        FakeLLM.requests.append(entry)
        user = json.loads(body["messages"][1]["content"])
        edits = user["edits"]
        entry.update(url=user["url"], sent=[e["id"] for e in edits])
        if FakeLLM.sleep:
            time.sleep(FakeLLM.sleep)
        props = [{"id": e["id"], "proposed": f"{LLM_TEXT} {e['id']}"} for e in edits]
        props.append({"id": 9999, "proposed": "unknown id: ignored"})
        reply = {"choices": [{"message": {"role": "assistant",
                                          "content": json.dumps({"proposals": props})}}]}
        data = json.dumps(reply).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            pass   # the runner gave up (timeout case)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def fake_llm():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeLLM)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv.server_address[1]
    srv.shutdown()


@pytest.fixture(scope="module")
def llm_conf(conf_path, state_dir, fake_llm, tmp_path_factory):
    out, skip = [], False
    for line in open(conf_path).read().splitlines():
        if line.startswith("["):
            skip = line.strip("[] ") == "llm"
        if not skip:
            out.append(line)
    out += ["[llm]", f"url = http://127.0.0.1:{fake_llm}/v1/chat/completions",
            "model = fake-model", f"api_key = {KEY}", "timeout_ms = 2000"]
    dest = tmp_path_factory.mktemp("llm") / "siteaudit.conf"
    dest.write_text("\n".join(out) + "\n")
    os.chmod(dest, 0o600)
    return str(dest)


@pytest.fixture(scope="module")
def paused(state_dir, root_dir):
    pause_stack_runner(state_dir)
    yield
    resume_stack_runner(root_dir)


def ours(page):
    """The requests made for page (audits left queued by other tests may
    be claimed by the same runner pass)."""
    return [r for r in FakeLLM.requests if r.get("url") == page]


def audit_with_runner(base_url, bin_dir, conf, page):
    t = Tenant(plan="pro", site_url=page)
    r = call(base_url, "POST", "/api/mcp/page-audits", key=t.key,
             body={"projectId": t.site, "pageUrl": page})
    assert r.status_code == 202, r.text
    aid = r.json()["auditId"]
    res = run_once(bin_dir, conf)
    a = call(base_url, "GET", f"/api/mcp/page-audits/{aid}", key=t.key).json()
    return a, res


def test_llm_writes_title(base_url, bin_dir, llm_conf, paused, fixtures_url):
    page = fixtures_url + PAGE
    FakeLLM.sleep, FakeLLM.requests = 0.0, []
    a, res = audit_with_runner(base_url, bin_dir, llm_conf, page)
    assert a["status"] == "COMPLETED", (a, res.stderr)
    assert len(ours(page)) == 1
    req = ours(page)[0]
    assert req["auth"] == f"Bearer {KEY}"
    assert req["path"] == "/v1/chat/completions"
    assert req["body"]["model"] == "fake-model"
    assert req["body"]["response_format"] == {"type": "json_object"}
    assert [m["role"] for m in req["body"]["messages"]] == ["system", "user"]
    assert req["sent"], "the page has text edits to rewrite"
    for i, m in enumerate(a["modifications"]):
        if i in req["sent"]:
            assert (m["proposedValue"], m["source"]) == (f"{LLM_TEXT} {i}", "llm")
        else:
            assert m["source"] == "rules" and not m["proposedValue"].startswith(LLM_TEXT)
    assert any(m["type"] == "title" and m["source"] == "llm"
               for m in a["modifications"])
    assert KEY not in res.stderr and KEY not in res.stdout


def test_llm_timeout_falls_back(base_url, bin_dir, llm_conf, paused, fixtures_url):
    page = fixtures_url + PAGE
    FakeLLM.sleep, FakeLLM.requests = 4.0, []
    a, res = audit_with_runner(base_url, bin_dir, llm_conf, page)
    FakeLLM.sleep = 0.0
    assert a["status"] == "COMPLETED", (a, res.stderr)
    assert len(ours(page)) == 1
    assert all(m["source"] == "rules" for m in a["modifications"])
    assert not any((m["proposedValue"] or "").startswith(LLM_TEXT)
                   for m in a["modifications"])
    assert "llm:" in res.stderr
    assert KEY not in res.stderr and KEY not in res.stdout
