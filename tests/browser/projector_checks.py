"""What a projector needs of the page, measured in the browser (used by the dashboard's browser test)."""

from __future__ import annotations

#: Every visible text node that carries a digit, with its rendered font size in pixels, and
#: every element whose content is cut off (wider than its box while hiding the overflow).
MEASURE_PAGE = """
() => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.trim();
    if (!/[0-9]/.test(text)) continue;
    const element = node.parentElement;
    if (!element || element.closest("style, script, .v-overlay-container")) continue;
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    if (box.width === 0 || box.height === 0 || style.visibility === "hidden" || style.opacity === "0") continue;
    const size = parseFloat(style.fontSize);
    const where = `<${element.tagName.toLowerCase()} class="${element.className}">`;
    if (size < MIN) small.push(`${text.slice(0, 50)} (${size.toFixed(1)} px, ${where})`);
  }
  // text cut off: a text's box reaching past the page, or past an ancestor that hides its overflow
  const clipped = [];
  const page = document.documentElement.clientWidth;
  for (const element of document.querySelectorAll(".controls *, .main-view *")) {
    const ownText = [...element.childNodes].some((c) => c.nodeType === 3 && c.textContent.trim());
    if (!ownText) continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const name = element.textContent.trim().slice(0, 40);
    if (box.right > page + 1) { clipped.push(`"${name}" ends at x = ${box.right.toFixed(0)} of ${page}`); continue; }
    if (getComputedStyle(element).textOverflow === "ellipsis" && element.scrollWidth > element.clientWidth + 1) {
      clipped.push(`"${name}" is cut short (...)`); continue;
    }
    for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX === "visible") continue;
      const edge = up.getBoundingClientRect();
      if (box.right > edge.right + 1 || box.left < edge.left - 1) {
        clipped.push(`"${name}" is cut off by <${up.tagName.toLowerCase()} class="${up.className}">`);
        break;
      }
    }
  }
  for (const canvas of document.querySelectorAll("[data-label-px]")) {
    if (parseFloat(canvas.dataset.labelPx) < MIN) small.push(`network labels (${canvas.dataset.labelPx} px)`);
  }
  for (const charts of document.querySelectorAll("[data-axis-font]")) {
    if (parseFloat(charts.dataset.axisFont) < MIN) small.push(`chart axes (${charts.dataset.axisFont})`);
  }
  return { small, clipped, scrollWidth: document.documentElement.scrollWidth, width: page };
}
"""


def measure_page(page, minimum_px: float) -> dict:
    return page.evaluate(MEASURE_PAGE.replace("MIN", str(minimum_px)))
