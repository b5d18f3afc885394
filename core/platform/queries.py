"""Query shapes the product asks again and again, written once."""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect
from sqlmodel import Session, col, select


def newest_first(model: Any, by: Any) -> tuple[Any, ...]:
    """The order newest first by ``by``; among equals, the higher primary key first."""
    return col(by).desc(), *(key.desc() for key in inspect(model).primary_key)


def latest(session: Session, selected: Any, by: Any, *where: Any) -> Any:
    """``selected`` (a model, or one of its columns) of the newest row ``where`` selects,
    newest by ``by``; None when there is none."""
    model = getattr(selected, "class_", selected)
    return session.exec(select(selected).where(*where).order_by(*newest_first(model, by))).first()


def newest(session: Session, model: Any, by: Any, *where: Any, limit: int | None = None) -> list:
    """The rows of ``model`` that ``where`` selects, newest first by ``by``."""
    query = select(model).where(*where).order_by(*newest_first(model, by))
    return list(session.exec(query.limit(limit)))
