"""Tab through a page in Chromium as a keyboard user does, and say what each stop looks like.

Used by tests/test_keyboard.py. A walk presses Tab from the top of the page until focus comes back
round (or leaves the page), and records, for every element that takes focus, where it is on the
page and what, if anything, keeps a sighted keyboard user from seeing it:

- "zero size": it has no box with both a width and a height;
- "off screen": after the browser has scrolled to it, no part of it is in the window (an off-canvas
  drawer, a link moved to left: -9999px);
- "clipped": an ancestor that clips its overflow, or a clip or clip-path, leaves none of it showing
  (a panel closed by max-height: 0, the visually-hidden pattern);
- "hidden": it or an ancestor has opacity 0, or it is not visibility: visible;
- "covered": the middle of its visible part belongs to another element (a sticky header over it, an
  overlay, a dialog's backdrop).

Transitions are finished before each look, so a skip link that fades in counts as seen, as it is
after a quarter of a second.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# Runs in the page after each Tab press. Returns null when focus is on no element (body, or it left
# the page for the browser's own controls).
LOOK = r"""
async () => {
  for (const animation of document.getAnimations()) {
    try { animation.finish(); } catch (e) { /* infinite animations cannot finish; they do not hide things here */ }
  }
  // Two frames, so what focus changed is drawn. Not with scripting off (a test of the page without
  // JavaScript): no frame callback runs then, and the page has no script to wait for.
  if (document.documentElement.classList.contains("ps-js")) {
    await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  }
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const text = (el.getAttribute("aria-label") || el.innerText || el.value || el.getAttribute("title") || "")
    .replace(/\s+/g, " ").trim().slice(0, 60);
  const who = {
    tag: el.tagName.toLowerCase(), text, id: el.id || "", cls: (el.getAttribute("class") || "").slice(0, 60),
    href: el.getAttribute("href") || "", inContent: !!el.closest("article.md-content__inner"),
  };
  const problems = [];
  const box = el.getBoundingClientRect();
  const rects = [...el.getClientRects()].filter(r => r.width >= 1 && r.height >= 1);
  if (!rects.length) problems.push("zero size");
  let style = getComputedStyle(el);
  if (style.visibility !== "visible") problems.push("hidden (visibility)");
  let visible = {left: box.left, top: box.top, right: box.right, bottom: box.bottom};
  const cut = (r) => {
    visible = {left: Math.max(visible.left, r.left), top: Math.max(visible.top, r.top),
               right: Math.min(visible.right, r.right), bottom: Math.min(visible.bottom, r.bottom)};
  };
  const empty = () => visible.right - visible.left < 1 || visible.bottom - visible.top < 1;
  for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
    const s = node === el ? style : getComputedStyle(node);
    if (parseFloat(s.opacity) === 0) problems.push(node === el ? "hidden (opacity 0)" : "hidden by an ancestor (opacity 0)");
    if ((s.clipPath && s.clipPath !== "none") || (s.clip && s.clip !== "auto")) {
      // The visually-hidden pattern: a 1 px box clipped away. Clips that keep a real area are rare
      // here; any clip on a focused element or its ancestors is treated as hiding it.
      problems.push(node === el ? "clipped (clip)" : "clipped by an ancestor (clip)");
    }
    if (node !== el && node !== document.documentElement && node !== document.body &&
        (s.overflowX !== "visible" || s.overflowY !== "visible")) {
      cut(node.getBoundingClientRect());
    }
  }
  const inWindow = box.right > 0 && box.bottom > 0 && box.left < innerWidth && box.top < innerHeight;
  if (rects.length && !inWindow) problems.push("off screen");
  cut({left: 0, top: 0, right: innerWidth, bottom: innerHeight});
  if (rects.length && inWindow && empty()) problems.push("clipped by an ancestor (overflow)");
  if (!problems.length) {
    // The middle of each line of it (a link can wrap), within what is showing: one must be its own.
    let hit = null, seen = false;
    for (const r of rects) {
      const left = Math.max(r.left, visible.left), right = Math.min(r.right, visible.right);
      const top = Math.max(r.top, visible.top), bottom = Math.min(r.bottom, visible.bottom);
      if (right - left < 1 || bottom - top < 1) continue;
      hit = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
      if (hit && (el === hit || el.contains(hit))) { seen = true; break; }
    }
    if (!seen) {
      const by = hit ? hit.tagName.toLowerCase() + (hit.id ? "#" + hit.id : "") +
        (hit.getAttribute("class") ? "." + hit.getAttribute("class").split(/\s+/).join(".") : "") : "nothing";
      problems.push("covered by " + by.slice(0, 80));
    }
  }
  return {who, problems, mark: el.dataset.psWalk};
}
"""

# Where each stop sits on the page as laid out, for the order check: with the window and every
# scrolling box scrolled back to the start, so a sidebar that scrolls on its own, or stays in view
# as the page scrolls, is measured where it is in the layout, not where scrolling has moved it.
# Each is focused again (without scrolling) to be measured as it looked with focus.
LAYOUT = r"""
() => {
  window.scrollTo(0, 0);
  for (const node of document.querySelectorAll("*")) {
    if (node.scrollTop) node.scrollTop = 0;
    if (node.scrollLeft) node.scrollLeft = 0;
  }
  const out = {};
  for (const node of document.querySelectorAll("[data-ps-walk]")) {
    // Measured with focus, as it was seen (a skip link moves into place when focused).
    node.focus({preventScroll: true});
    for (const animation of document.getAnimations()) {
      try { animation.finish(); } catch (e) { /* as in LOOK */ }
    }
    const r = node.getBoundingClientRect();
    out[node.dataset.psWalk] = {left: r.left, top: r.top, right: r.right, bottom: r.bottom};
  }
  document.activeElement && document.activeElement.blur();
  return out;
}
"""

# Marks the element so a later stop can be told from the first one coming round again.
MARK = "() => { const el = document.activeElement; if (!el || el === document.body) return null; " \
       "if (!el.dataset.psWalk) el.dataset.psWalk = String(++window.__psWalk); return el.dataset.psWalk; }"


@dataclass
class Stop:
    tag: str
    text: str
    id: str
    cls: str
    href: str
    in_content: bool
    problems: list[str]
    box: dict[str, float]  # where it is laid out on the page (LAYOUT)
    mark: str = ""

    def describe(self) -> str:
        name = self.tag + (f"#{self.id}" if self.id else "") + (f".{self.cls.split()[0]}" if self.cls else "")
        target = f" -> {self.href}" if self.href else ""
        return f"{name} '{self.text}'{target}"


@dataclass
class Walk:
    stops: list[Stop] = field(default_factory=list)
    came_round: bool = False

    @property
    def invisible(self) -> list[Stop]:
        return [s for s in self.stops if s.problems]

    def invisible_before_content(self) -> int:
        """Invisible stops before the first one in the page body: what the issue counted."""
        count = 0
        for stop in self.stops:
            if stop.in_content:
                break
            count += bool(stop.problems)
        return count


def walk(page, limit: int = 600) -> Walk:
    """Tab from the top of the page until focus comes round to the first stop again.

    Focus starts on the page itself (as after loading it), so the first Tab goes where a keyboard
    user's first Tab goes.
    """
    page.evaluate("() => { window.__psWalk = 0; document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    result = Walk()
    first = None
    for _ in range(limit):
        page.keyboard.press("Tab")
        mark = page.evaluate(MARK)
        if mark is None:
            # Focus left the page (to the browser's own controls): one lap is done.
            result.came_round = bool(result.stops)
            break
        if first is None:
            first = mark
        elif mark == first:
            result.came_round = True
            break
        look = page.evaluate(LOOK)
        if look is None:
            continue
        who = look["who"]
        result.stops.append(Stop(who["tag"], who["text"], who["id"], who["cls"], who["href"], who["inContent"],
                                 look["problems"], {}, look["mark"]))
    layout = page.evaluate(LAYOUT)
    for stop in result.stops:
        stop.box = layout.get(stop.mark, {})
    return result


TOLERANCE = 4  # CSS pixels: rounding, borders and focus outlines


def backward_jumps(stops: list[Stop]) -> list[str]:
    """Moves from one visible stop to the next that go back on the screen.

    Reading order is top to bottom, and left to right along a line; a page in columns is read one
    column after another, left to right. So a move to the next stop is backwards when the next stop
    is:
    - higher on the page, unless it starts at or to the right of where this one ends: that is the
      top of the next column (the menu sidebar to the page, the page to its contents sidebar), or
      the next control along a header whose items are not the same height;
    - on the same line (their boxes share height) and wholly to the left of this one.
    Positions are on the page (after scrolling), in CSS pixels, with a few pixels' tolerance.
    Invisible stops are reported on their own and skipped here.
    """
    jumps = []
    seen = [s for s in stops if not s.problems and s.box]
    for before, after in zip(seen, seen[1:]):
        a, b = before.box, after.box
        above = b["top"] < a["top"] - TOLERANCE
        next_column = b["left"] >= a["right"] - TOLERANCE
        same_line = b["top"] < a["bottom"] - TOLERANCE and b["bottom"] > a["top"] + TOLERANCE
        leftwards = b["right"] <= a["left"] + TOLERANCE
        if (above and not next_column) or (same_line and leftwards and not above):
            jumps.append(f"{before.describe()} at ({a['left']:.0f}, {a['top']:.0f}) then "
                         f"{after.describe()} at ({b['left']:.0f}, {b['top']:.0f})")
    return jumps
