"""The web interface and JSON API over a record. ``create_app(db)`` builds the FastAPI app;
``yaowen serve`` runs it with uvicorn on 127.0.0.1."""

from .app import create_app

__all__ = ["create_app"]
