"""The helpers every blueprint uses."""

import pytest
from flask import get_flashed_messages

from councilportal.errors import DomainError
from councilportal.web import FAILED, committed_or_flashed


def test_a_button_action_returns_its_result_or_failed_with_the_rule_flashed(app):
    def broken():
        raise DomainError("Mötet är redan inställt.")

    with app.test_request_context("/"):
        assert committed_or_flashed(lambda: []) == []
        assert committed_or_flashed(lambda: None) is None
        assert committed_or_flashed(broken) is FAILED
        assert get_flashed_messages(with_categories=True) == [("error", "Mötet är redan inställt.")]


def test_failed_has_no_truth_value_so_no_caller_mistakes_a_result_of_none_for_failure():
    with pytest.raises(TypeError, match="is FAILED"):
        bool(FAILED)
