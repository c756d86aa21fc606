from councilportal.textformat import render_markdown


def test_simple_markdown_becomes_html():
    html = render_markdown("**Viktigt:** öppettiderna\n\n- måndag\n- tisdag\n\n[Läs mer](https://exempel.se)")
    assert "<strong>Viktigt:</strong>" in html
    assert "<li>måndag</li>" in html
    assert '<a href="https://exempel.se" rel="noopener noreferrer">Läs mer</a>' in html


def test_script_tags_and_dangerous_links_are_inert():
    html = render_markdown('<script>alert("x")</script> <img src=x onerror=alert(1)> [klick](javascript:alert(1))')
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript' not in html


def test_headings_keep_their_text_but_not_the_heading():
    html = render_markdown("# Rubrik\n\nText")
    assert "<h1>" not in html and "Rubrik" in html


def test_nothing_gives_nothing():
    assert render_markdown("") == "" and render_markdown(None) == ""
