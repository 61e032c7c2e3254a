"""Helpers for the browser tests: axe-core, keyboard navigation, logging in."""

from pathlib import Path

AXE_VERSION = "4.14.1"
AXE_JS = Path(__file__).parent / "assets" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
# Browser context options for the two viewports the journeys run on.
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


def axe_violations(page, *, context="document"):
    """Every axe-core violation on the page as loaded, with the impact and the nodes."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated through the DevTools protocol, not added as a <script>: the site's
        # Content-Security-Policy rightly refuses an inline script without its nonce.
        page.evaluate(AXE_JS.read_text())
    return page.evaluate(
        f"""async () => {{
            const results = await axe.run({context}, {{resultTypes: ["violations"]}});
            return results.violations.map(v => ({{
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary),
            }}));
        }}"""
    )


def blocking(violations):
    return [v for v in violations if v["impact"] in BLOCKING]


def describe(violations):
    """One readable paragraph per violation, for an assertion message."""
    return "\n".join(
        f"[{v['impact']}] {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"][:5])
        for v in violations
    )


def is_focused(locator):
    return locator.evaluate("el => el === document.activeElement")


def tab_to(page, locator, *, limit=200):
    """Press Tab until `locator` has the focus (as a keyboard user would), and return
    how many presses it took. Fails if the element cannot be reached."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if is_focused(locator):
            return presses
    raise AssertionError(f"{locator} not reached with {limit} presses of Tab")


def focus_outline(page):
    """The focused element's outline (style and width), to check focus is visible."""
    return page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            return {style: style.outlineStyle, width: parseFloat(style.outlineWidth)};
        }"""
    )


def log_in(page, username, password):
    """Log in through the admin's login form, as a person would."""
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
