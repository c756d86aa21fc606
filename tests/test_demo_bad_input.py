"""Rubbish in every form of the demo: each form a person is shown, posted empty, with overlong text,
with a NUL character in its text and with numbers past what the database holds.

The forms are the ones the demo crawl finds for each role; whatever happens must be a clear message,
a redirect or a 4xx, never a server error. Posting may change the demo, so each role gets a fresh one.
"""

import pytest

from tests.crawling import (
    DEMO_ACCOUNTS,
    crawl,
    demo_portal,
    empty_submission,
    huge_number_submission,
    nul_submission,
    offers_a_number,
    one_form_per_endpoint,
    overlong_submission,
    post_problems,
    signed_in_client,
)


@pytest.mark.parametrize("role", ["public", *DEMO_ACCOUNTS])
def test_no_form_answers_rubbish_with_a_server_error(database_url, tmp_path, role):
    with demo_portal(database_url, tmp_path) as app:
        client = signed_in_client(app, role)
        forms = one_form_per_endpoint(app, crawl(app, client).forms)
        # Forms with text to check come first; buttons that end a membership or delete a meeting after.
        forms.sort(key=lambda form: not form.text_fields)
        problems = []
        for form in forms:
            problems += post_problems(client, form, overlong_submission(form), "overlong text")
            if form.text_fields:
                problems += post_problems(client, form, nul_submission(form), "a NUL character")
            if any(offers_a_number(f) for f in form.fields):
                problems += post_problems(client, form, huge_number_submission(form), "a huge number")
            problems += post_problems(client, form, empty_submission(form), "an empty form")
        assert forms
        assert not problems, "\n".join(problems)
