"""The web pages: server-rendered Jinja2 over the library, in Vietnamese, usable without
JavaScript.

``pages`` holds the routes (a few lines each); ``forms`` turns the query string into search
parameters and links; ``fulltext`` cuts a document's text into anchored Chương/Điều sections;
``related`` looks up the documents a page links to (relations, legal bases) with their statuses;
``render`` holds the template environment and the error page. Must not import ``ingest``.
"""

from legal_search.web.pages import router

__all__ = ["router"]
