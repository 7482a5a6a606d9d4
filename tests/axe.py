"""axe-core, pinned from npm in tests/a11y/, injected into pages under test (never served with the site)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

AXE_JS = Path(__file__).resolve().parent / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 A and AA, and the best practices an auditor checks alongside them.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BEST_PRACTICES = ["heading-order", "page-has-heading-one", "landmark-one-main", "empty-heading", "region"]
_RUN = """([tags, extra]) => axe.run(document, {
  runOnly: {type: 'tag', values: tags},
  rules: Object.fromEntries(extra.map(id => [id, {enabled: true}])),
  resultTypes: ['violations'],
}).then(result => result.violations.flatMap(v => v.nodes.map(n =>
  v.id + ': ' + n.target.join(' ') + ': ' + (n.failureSummary || '').split('\\n').slice(1).join(' ').trim())))"""


def require_axe() -> None:
    """Skip the calling test, with one clear line, where axe-core is not installed."""
    if not AXE_JS.exists():
        pytest.skip("accessibility tests need axe-core from npm: install Node.js and npm "
                    "(apt-get install nodejs npm), then `make test` runs npm ci --prefix tests/a11y")


def start(page: Any) -> None:
    """Start axe-core on the page as it is now, without waiting: pages in other tabs can run meanwhile."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    page.evaluate(f"args => {{ window.__axeRun = ({_RUN})(args); }}", [TAGS, BEST_PRACTICES])


def results(page: Any) -> list[str]:
    """Wait for the run started on the page; return one line per failing element."""
    return list(page.evaluate("() => window.__axeRun"))


def violations(page: Any) -> list[str]:
    """Run axe-core on the page as it is now; return one line per failing element."""
    start(page)
    return results(page)
