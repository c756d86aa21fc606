"""People's own text on pages: simple Markdown, rendered safely."""

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

# Raw HTML in the source is shown as text, and the sanitiser removes anything else unexpected.
_markdown = MarkdownIt("commonmark", {"html": False}).enable("strikethrough")

# Paragraphs, emphasis, lists, quotes and links: enough for a viewpoint or an answer. No headings
# (they would break the page's outline) and no images (they would load from other sites).
ALLOWED_TAGS = {"p", "br", "strong", "em", "s", "ul", "ol", "li", "a", "blockquote", "code", "pre", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}


def render_markdown(text: str | None) -> Markup:
    if not text:
        return Markup("")
    html = _markdown.render(text)
    return Markup(nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                            url_schemes={"http", "https", "mailto"}))
