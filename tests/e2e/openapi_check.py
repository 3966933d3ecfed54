"""Checks HTTP answers against docs/openapi.yaml (for test_openapi_contract.py).

Holds no tests. conform() asserts that a requests.Response is a documented
answer of one operation: its status, media type, required headers and a body
that validates against the documented schema (JSON Schema 2020-12 with the
document's local $refs resolved).
"""
import os
import re

import yaml
from jsonschema import Draft202012Validator, RefResolver

API_PREFIXES = ("/api/", "/mcp", "/healthz", "/metrics", "/files/")


def load_spec(root):
    with open(os.path.join(root, "docs", "openapi.yaml"), encoding="utf-8") as f:
        return yaml.safe_load(f)


def deref(spec, node):
    """Follows a local $ref (responses, parameters, headers) to its target."""
    while isinstance(node, dict) and "$ref" in node:
        target = spec
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def validate(spec, schema, value, where):
    """value against schema; its $refs resolve inside the whole document."""
    v = Draft202012Validator(schema, resolver=RefResolver("", spec),
                             format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = sorted(v.iter_errors(value), key=lambda e: list(e.absolute_path))
    assert not errors, f"{where}: " + "; ".join(
        f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message[:300]}"
        for e in errors[:5])


def media_for(content, ctype, where):
    """The documented media type matching the answer's Content-Type."""
    norm = lambda s: re.sub(r"\s*;\s*", "; ", s.strip().lower())  # noqa: E731
    got = norm(ctype)
    for key, media in content.items():
        if norm(key) == got:
            return media
    base = [m for k, m in content.items() if norm(k).split(";")[0] == got.split(";")[0]]
    assert base, f"{where}: Content-Type {ctype!r} not documented ({list(content)})"
    return base[0]


def check_headers(spec, documented, resp, where):
    for name, h in (documented or {}).items():
        h = deref(spec, h)
        value = resp.headers.get(name)
        if value is None:
            assert not h.get("required"), f"{where}: required header {name} missing"
            continue
        schema = h.get("schema", {})
        if deref(spec, schema).get("type") == "integer":
            assert re.fullmatch(r"\d+", value), f"{where}: {name}: {value!r}"
            value = int(value)
        validate(spec, schema, value, f"{where} header {name}")


def check_response(spec, resp, response, where):
    """resp against one documented response object; returns the JSON body."""
    response = deref(spec, response)
    check_headers(spec, response.get("headers"), resp, where)
    content = response.get("content")
    if not content:
        assert resp.content == b"", f"{where}: undocumented body {resp.text[:200]}"
        return None
    media = media_for(content, resp.headers.get("Content-Type", ""), where)
    if "json" not in resp.headers["Content-Type"]:
        validate(spec, media["schema"], resp.text, where)
        return resp.text
    body = resp.json()
    validate(spec, media["schema"], body, where)
    return body


def conform(spec, resp, method, path):
    """resp must be a documented answer of operation `method path`."""
    op = spec["paths"][path][method.lower()]
    status = str(resp.status_code)
    where = f"{method} {path} → {status}"
    assert status in op["responses"], \
        f"{where} is not documented (documented: {sorted(op['responses'])}): {resp.text[:300]}"
    return check_response(spec, resp, op["responses"][status], where)


def api_routes(root_dir):
    """{(METHOD, path)} of fcgi/routes.c under the API prefixes."""
    text = open(os.path.join(root_dir, "fcgi", "routes.c"), encoding="utf-8").read()
    found = re.findall(r'\{\s*"([A-Z]+)",\s*"([^"]+)",\s*AUTH_\w+', text)
    assert len(found) > 20, "routes.c no longer parses: update this test"
    return {(m, p) for m, p in found if p.startswith(API_PREFIXES)}
