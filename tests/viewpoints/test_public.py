""""Ni sa – vi gjorde": a public council's answered public viewpoints, without any person's name."""

from datetime import date

from councilportal.answering.models import Outcome
from councilportal.viewpoints.models import ViewpointResponse, ViewpointState, Visibility
from tests.factories import make_membership
from tests.viewpoints.factories import make_viewpoint


def answered(session, world, title, *, visibility=Visibility.PUBLIC, state=ViewpointState.CLOSED, council=None,
             **fields):
    viewpoint = make_viewpoint(session, council or world.public_council, world.user_organisation,
                               world.representative, title=title, visibility=visibility, state=state,
                               unit=world.unit, manager=world.manager, body="Ni sa: kallelserna kommer sent.",
                               **{"published": True, **fields})
    session.add(ViewpointResponse(viewpoint_id=viewpoint.id, manager=world.manager, is_final=False,
                                  text="Vi utreder saken."))
    session.add(ViewpointResponse(viewpoint_id=viewpoint.id, manager=world.manager, is_final=True,
                                  text="Kallelser skickas nu tre veckor före mötet.",
                                  actions="Ny rutin för utskick.", follow_up_on=date(2027, 3, 1)))
    return viewpoint


def test_the_public_page_shows_answers_actions_and_outcomes_but_no_names(client, session, world):
    make_membership(session, world.public_council, world.representative, world.user_organisation)
    world.representative.show_name_publicly = True
    answered(session, world, "Kallelser i tid", outcome=Outcome.CHANGED, rating=4)
    session.commit()
    page = client.get(f"/councils/{world.public_council.slug}/ni-sa-vi-gjorde").text
    assert "Kallelser i tid" in page
    assert "Ni sa: kallelserna kommer sent." in page
    assert "Kallelser skickas nu tre veckor före mötet." in page
    assert "Vi utreder saken." not in page, "only the final answer"
    assert "Ny rutin för utskick." in page
    assert "Det har ändrats" in page and "4 av 5" in page
    assert world.user_organisation.name in page and world.unit.name in page
    for name in (world.representative.name, world.manager.name):
        assert name not in page, "no person is named on the public page, even one who chose to be shown"


def test_only_public_viewpoints_with_a_final_answer_are_shown(client, session, world):
    answered(session, world, "Besvarad offentlig", state=ViewpointState.ANSWERED)
    answered(session, world, "Rådets egen", visibility=Visibility.COUNCIL)
    answered(session, world, "Begränsad", visibility=Visibility.RESTRICTED)
    answered(session, world, "Inte godkänd för publicering", published=False)
    make_viewpoint(session, world.public_council, world.user_organisation, None, title="Under handläggning",
                   visibility=Visibility.PUBLIC, state=ViewpointState.IN_PROGRESS, published=True)
    make_viewpoint(session, world.public_council, world.user_organisation, None, title="Återtagen",
                   visibility=Visibility.PUBLIC, state=ViewpointState.WITHDRAWN, published=True)
    session.commit()
    page = client.get(f"/councils/{world.public_council.slug}/ni-sa-vi-gjorde").text
    assert "Besvarad offentlig" in page
    for hidden in ("Rådets egen", "Begränsad", "Inte godkänd för publicering", "Under handläggning", "Återtagen"):
        assert hidden not in page


def test_a_council_that_is_not_public_has_no_such_page_even_for_its_coordinator(client, auth, session, world):
    answered(session, world, "Intern", council=world.council)
    session.commit()
    auth.login(world.coordinator)
    assert client.get(f"/councils/{world.council.slug}/ni-sa-vi-gjorde").status_code == 404


def test_the_public_council_page_links_to_ni_sa_vi_gjorde(client, world):
    page = client.get(f"/councils/{world.public_council.slug}").text
    assert f'href="/councils/{world.public_council.slug}/ni-sa-vi-gjorde"' in page


def test_script_in_a_viewpoint_is_shown_as_text(client, session, world):
    answered(session, world, "<script>alert(1)</script>")
    session.commit()
    page = client.get(f"/councils/{world.public_council.slug}/ni-sa-vi-gjorde").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_public_page_makes_the_same_number_of_queries_for_5_or_500_answers(client, session, world,
                                                                               count_queries):
    def add(count):
        for number in range(count):
            answered(session, world, f"Fråga {number}", outcome=Outcome.PARTLY_CHANGED, rating=3)
        session.commit()

    path = f"/councils/{world.public_council.slug}/ni-sa-vi-gjorde"
    add(5)
    with count_queries() as few:
        assert client.get(path).status_code == 200
    add(495)
    with count_queries() as many:
        assert client.get(path).status_code == 200
    assert many.count == few.count, many.statements
