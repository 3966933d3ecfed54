"""End-to-end tests for the 16 accessibility rules ported from axe-core 4.14.1.

`siteaudit audit` fetches tests/fixtures/a11y/e-<rule>-fail.html and
-pass.html over real HTTP from the stack's fixture nginx: the failing page
must report the rule on the expected element with axe's impact, the passing
page must not report it, and the agent-readiness tree check must carry the
rule on the failing page too.
"""
import json
import os
import subprocess

import pytest

# rule id: (selector of the failing element, axe-core impact)
RULES = {
    "aria-required-children": ("div#tabs", "critical"),
    "aria-required-parent": ("div#orphan", "critical"),
    "aria-allowed-attr": ("div#save", "critical"),
    "aria-prohibited-attr": ("div#swatch", "serious"),
    "aria-conditional-attr": ("input#agree", "serious"),
    "aria-command-name": ("div#close", "serious"),
    "aria-dialog-name": ("div#saved", "serious"),
    "aria-input-field-name": ("div#note", "serious"),
    "aria-toggle-field-name": ("div#opt", "serious"),
    "aria-tooltip-name": ("div#tip", "serious"),
    "aria-treeitem-name": ("li#leaf", "serious"),
    "aria-text": ("span#price", "serious"),
    "input-button-name": ("input#go", "critical"),
    "table-duplicate-name": ("table#prices", "minor"),
    "autocomplete-valid": ("input#nm", "serious"),
    "presentation-role-conflict": ("h2#deals", "minor"),
}


def audit_json(bin_dir, url, only):
    env = {k: v for k, v in os.environ.items() if k != "SITEAUDIT_CONF"}
    p = subprocess.run([os.path.join(bin_dir, "siteaudit"), "audit",
                        "--allow-private", "--json", "--only", only, url],
                       env=env, capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def page(fixtures_url, rule, kind):
    return f"{fixtures_url.rstrip('/')}/a11y/e-{rule}-{kind}.html"


def issue(doc, check_id):
    return next((i for i in doc["issues"] if i["id"] == check_id), None)


@pytest.mark.parametrize("rule", sorted(RULES))
def test_failing_page_reports_rule(bin_dir, fixtures_url, rule):
    sel, impact = RULES[rule]
    doc = audit_json(bin_dir, page(fixtures_url, rule, "fail"), "accessibility")
    it = issue(doc, rule)
    assert it is not None, [i["id"] for i in doc["issues"]]
    assert it["dimension"] == "accessibility"
    assert it["severity"] == impact
    assert it["count"] == 1
    assert it["examples"][0]["selector"] == sel
    if rule != "table-duplicate-name":   # Lighthouse weight 0: no score effect
        assert doc["scores"]["accessibility"] < 100


@pytest.mark.parametrize("rule", sorted(RULES))
def test_passing_page_is_clean(bin_dir, fixtures_url, rule):
    doc = audit_json(bin_dir, page(fixtures_url, rule, "pass"), "accessibility")
    assert issue(doc, rule) is None, issue(doc, rule)


@pytest.mark.parametrize("rule", ["aria-required-children", "aria-text",
                                  "input-button-name", "autocomplete-valid"])
def test_agent_tree_carries_rule(bin_dir, fixtures_url, rule):
    doc = audit_json(bin_dir, page(fixtures_url, rule, "fail"), "agent")
    it = issue(doc, "agent-accessibility-tree")
    assert it is not None, [i["id"] for i in doc["issues"]]
    ex = it["examples"][0]
    assert ex["selector"] == RULES[rule][0]
    assert rule in json.dumps(it)
