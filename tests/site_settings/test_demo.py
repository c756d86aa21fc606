"""The demo is a configured site: Exempelstad's name, logo and colour, and a real accessibility contact."""

from councilportal import demo
from councilportal.extensions import db
from councilportal.site_settings.models import SiteSettings


def test_the_demo_site_is_exempelstads_own(app, client):
    with app.app_context():
        demo.seed(db.session)
        db.session.commit()
        settings = db.session.get(SiteSettings, 1)
        revision = settings.revision
        assert settings.has_logo and settings.accent_colour == "#005a70"
    page = client.get("/tillganglighet").text
    assert "Exempelstads kommun" in page
    assert "tillganglighet@exempelstad.se" in page and "Kommunledningskontoret" in page
    assert client.get(f"/site/logo/{revision}").mimetype == "image/svg+xml"
    assert "#005a70" in client.get(f"/site/accent/{revision}.css").text
