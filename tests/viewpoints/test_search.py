"""Free-text search over title and body: full text on PostgreSQL, LIKE on SQLite, one function."""

import pytest
import sqlalchemy as sa

from councilportal.extensions import db
from councilportal.viewpoints.models import Viewpoint
from councilportal.viewpoints.queries import search_viewpoints, visible_viewpoints
from tests.viewpoints.factories import make_viewpoint


def found(session, text: str, user) -> list[str]:
    return sorted(v.title for v in session.scalars(search_viewpoints(visible_viewpoints(user), text)))


@pytest.fixture
def viewpoints(session, world):
    def make(title, body):
        make_viewpoint(session, world.council, world.user_organisation, world.representative, title=title, body=body)

    make("Väntetider på boendestöd", "Många väntar mer än tre månader på ett första besök.")
    make("Kallelser till möten", "Kallelsen kommer ofta för sent, och handlingarna saknas.")
    make("Rabatt 100% på kollektivtrafik", "Färdtjänst_kort borde gälla i hela länet.")
    session.commit()


def test_a_word_in_the_title_or_the_body_finds_the_viewpoint(session, world, viewpoints):
    assert found(session, "boendestöd", world.admin) == ["Väntetider på boendestöd"]
    assert found(session, "handlingarna", world.admin) == ["Kallelser till möten"]


def test_every_word_must_match(session, world, viewpoints):
    assert found(session, "kallelsen handlingarna", world.admin) == ["Kallelser till möten"]
    assert found(session, "kallelsen boendestöd", world.admin) == []


def test_percent_and_underscore_never_match_everything(session, world, viewpoints):
    """LIKE escapes them, so they match only themselves; full-text search ignores punctuation."""
    if db.engine.dialect.name == "postgresql":
        assert found(session, "%", world.admin) == found(session, "_", world.admin) == []
    else:
        assert found(session, "%", world.admin) == ["Rabatt 100% på kollektivtrafik"]
        assert found(session, "_", world.admin) == ["Rabatt 100% på kollektivtrafik"]
        assert found(session, "månader_", world.admin) == []


def test_an_empty_search_leaves_the_list_as_it_was(session, world, viewpoints):
    assert len(found(session, "   ", world.admin)) == 3


def test_search_only_finds_what_the_person_may_see(session, world, viewpoints):
    assert found(session, "boendestöd", world.outsider) == []
    assert found(session, "besök", world.outsider) == [], "a word found in the body alone"


# PostgreSQL reads quotes and a leading minus as web search syntax; SQLite looks for the characters themselves.
QUOTES_AND_OPERATORS = [
    # text, found on PostgreSQL, found on SQLite
    ('"boendestöd', ["Väntetider på boendestöd"], []),
    ("boendestöd -kallelsen", ["Väntetider på boendestöd"], []),
    ("-", [], []),
    ("'; drop table viewpoints; --", [], []),
    ("a & b | !c", [], []),
]


@pytest.mark.parametrize("text, on_postgresql, on_sqlite", QUOTES_AND_OPERATORS, ids=repr)
def test_quotes_and_operators_find_what_each_database_reads_in_them(session, world, viewpoints, text,
                                                                    on_postgresql, on_sqlite):
    expected = on_postgresql if db.engine.dialect.name == "postgresql" else on_sqlite
    assert found(session, text, world.admin) == expected
    assert session.scalar(sa.select(sa.func.count()).select_from(Viewpoint)) == 3, "the text is data, never SQL"


def test_each_database_searches_in_its_own_way(session, world, viewpoints):
    """PostgreSQL stems Swedish words and answers from the GIN index; SQLite looks for the letters."""
    assert found(session, "väntetid", world.admin) == ["Väntetider på boendestöd"]
    statement = search_viewpoints(sa.select(Viewpoint.id), "kallelse")
    sql = str(statement.compile(db.engine, compile_kwargs={"literal_binds": True}))
    if db.engine.dialect.name == "postgresql":
        assert found(session, "kallelserna", world.admin) == ["Kallelser till möten"]
        session.execute(sa.text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(session.scalars(sa.text(f"EXPLAIN {sql}")))
        assert "ix_viewpoints_search" in plan
    else:
        assert "LIKE" in sql
