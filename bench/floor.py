"""The floor: the least a Flask + Jinja + SQLAlchemy app can do per request on this stack.

One indexed query for 20 rows of a small table in the portal's database, rendered as an HTML
page through a Jinja template, served by gunicorn with the portal's settings. Nothing real on
this stack answers faster, so each portal page is measured as a share of it.

    gunicorn --chdir bench floor:app     (BENCH_FLOOR_DATABASE_URL names the database)
"""

import os
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import Flask, render_template
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

ROWS = 1_000
PAGE = 20


class Base(DeclarativeBase):
    pass


class FloorItem(Base):
    __tablename__ = "bench_floor_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    created_at: Mapped[datetime] = mapped_column(index=True)


def prepare(url: str) -> None:
    """Create and fill the floor's table unless it is there already."""
    engine = sa.create_engine(url)
    try:
        Base.metadata.create_all(engine)
        with Session(engine) as session:
            if session.scalar(sa.select(sa.func.count(FloorItem.id))) == 0:
                start = datetime(2026, 1, 1)
                session.execute(sa.insert(FloorItem), [
                    {"title": f"Rad {number}", "created_at": start + timedelta(minutes=number)}
                    for number in range(ROWS)])
                session.commit()
    finally:
        engine.dispose()


def create_app(url: str) -> Flask:
    app = Flask(__name__)
    engine = sa.create_engine(url, pool_pre_ping=True)

    @app.get("/")
    def newest():
        with Session(engine) as session:
            items = session.scalars(sa.select(FloorItem).order_by(FloorItem.created_at.desc()).limit(PAGE)).all()
            return render_template("floor.html", items=items)

    return app


if "BENCH_FLOOR_DATABASE_URL" in os.environ:
    app = create_app(os.environ["BENCH_FLOOR_DATABASE_URL"])
