"""The API's OpenAPI 3.1 description, as data: served at /api/v1/openapi.json and tested against the
answers (tests/opendata/test_schema.py runs Schemathesis from it)."""

from councilportal.opendata.services import DEFAULT_LIMIT, MAX_LIMIT

NULLABLE_TEXT = {"type": ["string", "null"]}
NULLABLE_MOMENT = {"type": ["string", "null"], "format": "date-time"}
NULLABLE_DAY = {"type": ["string", "null"], "format": "date"}
URL = {"type": "string", "format": "uri"}

SLUG = {
    "name": "slug", "in": "path", "required": True,
    "description": "The council's short name, as in its address on the portal.",
    "schema": {"type": "string", "pattern": "^[a-z0-9-]{1,80}$"},
}
CURSOR = {
    "name": "cursor", "in": "query", "required": False,
    "description": "Where the page starts: the `next_cursor` of the page before. Leave it out for the first page.",
    "schema": {"type": "string", "minLength": 1, "maxLength": 200},
}
LIMIT = {
    "name": "limit", "in": "query", "required": False,
    "description": f"Rows per page, {DEFAULT_LIMIT} unless given.",
    "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
}
IF_NONE_MATCH = {
    "name": "If-None-Match", "in": "header", "required": False,
    "description": "The ETag of the copy you have; the answer is 304 Not Modified while it is current.",
    "schema": {"type": "string"},
}

ERROR = {
    "type": "object",
    "required": ["status", "error"],
    "properties": {
        "status": {"type": "integer"},
        "error": {"type": "string"},
        "parameter": {"type": "string", "description": "The parameter that was wrong."},
    },
    "additionalProperties": False,
}

COUNCIL = {
    "type": "object",
    "required": ["slug", "name", "description", "subject_area", "owner", "url", "meetings", "viewpoints", "feed",
                 "calendar"],
    "properties": {
        "slug": {"type": "string"},
        "name": {"type": "string"},
        "description": {"type": "string"},
        "subject_area": {"type": "string"},
        "owner": {"type": "string", "description": "The municipality or region that runs the council."},
        "url": {**URL, "description": "The council's page."},
        "meetings": {**URL, "description": "Its meetings in this API."},
        "viewpoints": {**URL, "description": "Its public viewpoints in this API."},
        "feed": {**URL, "description": "Its Atom feed: new answers, approved minutes, published annual reports."},
        "calendar": {**URL, "description": "Its meetings as an iCalendar feed."},
    },
    "additionalProperties": False,
}

MEETING = {
    "type": "object",
    "required": ["id", "council", "title", "description", "starts_at", "ends_at", "location", "state", "url",
                 "minutes_url"],
    "properties": {
        "id": {"type": "integer"},
        "council": {"type": "string", "description": "The council's slug."},
        "title": {"type": "string"},
        "description": {"type": "string"},
        "starts_at": {"type": "string", "format": "date-time"},
        "ends_at": {"type": "string", "format": "date-time"},
        "location": {"type": "string"},
        "state": {"type": "string", "enum": ["published", "held", "minutes_approved", "cancelled"]},
        "url": URL,
        "minutes_url": {"type": ["string", "null"], "format": "uri",
                        "description": "The approved minutes, once every checker has approved them."},
    },
    "additionalProperties": False,
}

ANSWER = {
    "type": "object",
    "required": ["kind", "text", "actions", "follow_up_on", "given_at", "given_by"],
    "properties": {
        "kind": {"type": "string", "enum": ["interim", "final"]},
        "text": {"type": "string"},
        "actions": {"type": "string", "description": "The actions taken or planned."},
        "follow_up_on": {**NULLABLE_DAY,
                         "description": "When the organisation is asked whether they were carried out."},
        "given_at": {"type": "string", "format": "date-time"},
        "given_by": {**NULLABLE_TEXT, "description": "The manager's name, only if they chose to show it."},
    },
    "additionalProperties": False,
}

VIEWPOINT = {
    "type": "object",
    "required": ["reference", "council", "title", "body", "subject", "organisation", "submitted_by",
                 "responsible_unit", "state", "submitted_at", "received_at", "published_at", "answered_at",
                 "closed_at", "deadline", "outcome", "rating", "answers", "url"],
    "properties": {
        "reference": {"type": "string", "pattern": "^BR-[0-9]{4}-[0-9]{4,}$"},
        "council": {"type": "string", "description": "The council's slug."},
        "title": {"type": "string", "description": "As published: the coordinator may have corrected it."},
        "body": {"type": "string", "description": "As published, in Markdown."},
        "subject": {"type": "string"},
        "organisation": {"type": "string", "description": "The user organisation that raised it."},
        "submitted_by": {**NULLABLE_TEXT, "description": "The representative's name, only if they chose to show it."},
        "responsible_unit": NULLABLE_TEXT,
        "state": {"type": "string", "enum": ["received", "in_progress", "answered", "closed", "withdrawn"]},
        "submitted_at": {"type": "string", "format": "date-time"},
        "received_at": NULLABLE_MOMENT,
        "published_at": {"type": "string", "format": "date-time"},
        "answered_at": NULLABLE_MOMENT,
        "closed_at": NULLABLE_MOMENT,
        "deadline": NULLABLE_DAY,
        "outcome": {"type": ["string", "null"],
                    "enum": ["changed", "partly_changed", "not_changed", "not_applicable", None]},
        "rating": {"type": ["integer", "null"], "minimum": 1, "maximum": 5,
                   "description": "The organisation's satisfaction with the answer, 1–5."},
        "answers": {"type": "array", "items": {"$ref": "#/components/schemas/Answer"}},
        "url": URL,
    },
    "additionalProperties": False,
}


FIGURE_REF = {"$ref": "#/components/schemas/Figure"}
FIGURE = {
    "type": "object",
    "required": ["kind", "value", "suppressed"],
    "description": "One figure. Drawn from fewer than five viewpoints (or recommendations) it is suppressed: its "
                   "value is null, so that no single matter or person can be singled out. A value is also null "
                   "when there is nothing to compute, such as a median of no answers.",
    "properties": {
        "kind": {"type": "string", "enum": ["count", "share", "days", "mean"],
                 "description": "A count; a share from 0 to 1; working days; a mean of ratings 1–5."},
        "value": {"type": ["number", "null"]},
        "suppressed": {"type": "boolean", "description": "Drawn from fewer than five: shown as \"färre än 5\"."},
    },
    "additionalProperties": False,
}
COUNT_AND_SHARE = {
    "type": "object", "required": ["count", "share"],
    "properties": {"count": FIGURE_REF, "share": FIGURE_REF}, "additionalProperties": False,
}


def _figures(names: list[str]) -> dict:
    return {name: FIGURE_REF for name in names}


def _each(values: list[str], schema: dict) -> dict:
    return {"type": "object", "required": values, "properties": {value: schema for value in values},
            "additionalProperties": False}


DURATIONS = {"type": "object", "required": ["median", "p90"],
             "properties": {"median": FIGURE_REF, "p90": FIGURE_REF}, "additionalProperties": False}
VIEWPOINT_FIGURE_NAMES = ["submitted", "received", "answered", "closed", "withdrawn", "open", "overdue",
                          "answered_in_time", "reopened", "rated", "satisfaction_mean", "with_outcome"]
VIEWPOINT_FIGURES = {
    "type": ["object", "null"],
    "description": "Viewpoints submitted in the period; null when there are none.",
    "required": [*VIEWPOINT_FIGURE_NAMES, "working_days", "outcomes", "ratings"],
    "properties": {
        **_figures(VIEWPOINT_FIGURE_NAMES),
        "working_days": {**_each(["to_receipt", "to_first_answer", "to_final_answer"], DURATIONS),
                         "description": "Working days from submission (weekends and Swedish public holidays "
                                        "skipped): median and 90th percentile."},
        "outcomes": _each(["changed", "partly_changed", "not_changed", "not_applicable"], COUNT_AND_SHARE),
        "ratings": _each(["1", "2", "3", "4", "5"], FIGURE_REF),
    },
    "additionalProperties": False,
}
GROUP = {
    "type": "object",
    "required": ["name", "submitted", "answered_in_time", "final_answer_median", "satisfaction_mean"],
    "properties": {"name": {"type": "string"},
                   **_figures(["submitted", "answered_in_time", "final_answer_median", "satisfaction_mean"])},
    "additionalProperties": False,
}
STATISTICS = {
    "type": "object",
    "required": ["council", "url", "period", "minimum_base", "viewpoints", "by_subject", "by_unit",
                 "units_left_out", "trend", "meetings", "follow_ups", "audits"],
    "properties": {
        "council": {"type": "string", "description": "The council's slug."},
        "url": {**URL, "description": "The council's statistics page."},
        "period": {"type": "object", "required": ["start", "end"],
                   "properties": {"start": NULLABLE_DAY, "end": NULLABLE_DAY}, "additionalProperties": False,
                   "description": "The first and last day, both included; null where the period is open."},
        "minimum_base": {"type": "integer", "description": "Figures drawn from fewer than this are suppressed."},
        "viewpoints": VIEWPOINT_FIGURES,
        "by_subject": {"type": "array", "items": GROUP, "description": "Per subject, most viewpoints first."},
        "by_unit": {"type": "array", "items": GROUP,
                    "description": "Per responsible unit with at least five viewpoints, the largest share "
                                   "answered by the deadline first."},
        "units_left_out": {"type": "integer", "minimum": 0,
                           "description": "Units left out of `by_unit` for having fewer than five."},
        "trend": {"type": "array", "description": "Viewpoints submitted per quarter over the last three years, "
                                                  "oldest first, whatever the period.",
                  "items": {"type": "object", "required": ["year", "quarter", "submitted"],
                            "properties": {"year": {"type": "integer"},
                                           "quarter": {"type": "integer", "minimum": 1, "maximum": 4},
                                           "submitted": FIGURE_REF},
                            "additionalProperties": False}},
        "meetings": {
            "type": "object", "required": ["held", "cancelled", "attendance"],
            "properties": {
                "held": {"type": "integer", "minimum": 0}, "cancelled": {"type": "integer", "minimum": 0},
                "attendance": {"type": "array", "items": {
                    "type": "object", "required": ["organisation", "attendances", "meetings"],
                    "properties": {"organisation": NULLABLE_TEXT, "attendances": {"type": "integer"},
                                   "meetings": {"type": "integer"}},
                    "additionalProperties": False}},
            },
            "additionalProperties": False,
        },
        "follow_ups": {
            "type": "object",
            "description": "Were the actions an answer promised carried out? The follow-ups whose date falls in "
                           "the period and that the organisation has been asked; shares of those answered.",
            "required": ["asked", "answered", "unanswered", "answers"],
            "properties": {**_figures(["asked", "answered", "unanswered"]),
                           "answers": _each(["yes", "partly", "no", "dont_know"], COUNT_AND_SHARE)},
            "additionalProperties": False,
        },
        "audits": {
            "type": "object",
            "description": "User-led audits (brukarrevision) published to the public, commissioned in the "
                           "period: by state, and their recommendations by the unit's decision and follow-up.",
            "required": ["audits", "by_state", "recommendations", "answered", "decisions", "answered_in_time",
                         "followed_up", "carried_out"],
            "properties": {
                **_figures(["audits", "recommendations", "answered", "answered_in_time", "followed_up"]),
                "by_state": _each(["planned", "fieldwork", "report", "answered", "followed_up", "closed",
                                   "cancelled"], FIGURE_REF),
                "decisions": _each(["accepted", "partly_accepted", "not_accepted"], COUNT_AND_SHARE),
                "carried_out": _each(["yes", "partly", "no", "unknown"], COUNT_AND_SHARE),
            },
            "additionalProperties": False,
        },
    },
    "additionalProperties": False,
}
YEAR = {"name": "year", "in": "query", "required": False, "description": "A calendar year.",
        "schema": {"type": "integer", "minimum": 2000, "maximum": 2999}}
QUARTER = {"name": "quarter", "in": "query", "required": False, "description": "A quarter of `year`.",
           "schema": {"type": "integer", "minimum": 1, "maximum": 4}}
START = {"name": "start", "in": "query", "required": False,
         "description": "The first day; with `end`, a range wins over `year` and `quarter`.",
         "schema": {"type": "string", "format": "date"}}
END = {"name": "end", "in": "query", "required": False, "description": "The last day, included.",
       "schema": {"type": "string", "format": "date"}}


def _page_of(schema: str) -> dict:
    return {
        "type": "object",
        "required": ["items", "next_cursor", "next"],
        "properties": {
            "items": {"type": "array", "items": {"$ref": f"#/components/schemas/{schema}"}},
            "next_cursor": {"type": ["string", "null"],
                            "description": "The cursor of the next page; null on the last."},
            "next": {"type": ["string", "null"], "format": "uri", "description": "The next page's address."},
        },
        "additionalProperties": False,
    }


def _json(schema: str, description: str) -> dict:
    return {"description": description, "headers": {"ETag": {"schema": {"type": "string"}}},
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}}


NOT_MODIFIED = {"description": "Your copy (If-None-Match) is current."}
BAD_REQUEST = {"description": "A parameter is wrong, such as a cursor this list did not give out or a date "
                              "that is not one.",
               "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
NOT_FOUND = {"description": "No public council by that name. A council that is not public has no open data.",
             "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _operation(operation_id: str, summary: str, parameters: list, ok: dict, *, paged: bool, in_council: bool,
               checked: bool = False) -> dict:
    responses = {"200": ok, "304": NOT_MODIFIED}
    if paged or checked:
        responses["400"] = BAD_REQUEST
    if in_council:
        responses["404"] = NOT_FOUND
    return {"get": {"operationId": operation_id, "summary": summary, "parameters": [*parameters, IF_NONE_MATCH],
                    "responses": responses}}


def openapi_document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Brukarrådsportalen – öppna data",
            "version": "1",
            "description": (
                "Read-only open data of the portal's public councils: the councils, their published meetings "
                "and the public viewpoints a coordinator has confirmed for publication, with their answers and "
                "outcomes, in the wording the public reads, and their statistics. Nothing of a council that is "
                "not public is here. "
                "People appear by organisation or unit; a person's name only if they chose to show it. "
                "Lists come a page at a time: follow `next` (or pass `next_cursor` as `cursor`) until it is "
                "null. Every answer has an ETag: send it back as If-None-Match and you get 304 while nothing "
                "has changed. Any web site may call the API from a browser (CORS)."
            ),
        },
        "servers": [{"url": "/api/v1"}],
        "paths": {
            "/councils": _operation("listCouncils", "The public councils", [CURSOR, LIMIT],
                                    _json("CouncilPage", "A page of public councils"), paged=True, in_council=False),
            "/councils/{slug}": _operation("getCouncil", "One public council", [SLUG],
                                           _json("Council", "The council"), paged=False, in_council=True),
            "/councils/{slug}/meetings": _operation(
                "listMeetings", "A public council's published meetings, by start time", [SLUG, CURSOR, LIMIT],
                _json("MeetingPage", "A page of meetings"), paged=True, in_council=True),
            "/councils/{slug}/viewpoints": _operation(
                "listViewpoints", "A public council's published viewpoints with answers and outcomes, in the "
                "order they were published", [SLUG, CURSOR, LIMIT],
                _json("ViewpointPage", "A page of viewpoints"), paged=True, in_council=True),
            "/councils/{slug}/statistics": _operation(
                "getStatistics", "A public council's statistics, as on its statistics page, for a period",
                [SLUG, YEAR, QUARTER, START, END], _json("Statistics", "The figures"), paged=False,
                in_council=True, checked=True),
        },
        "components": {
            "schemas": {
                "Error": ERROR,
                "Council": COUNCIL,
                "CouncilPage": _page_of("Council"),
                "Meeting": MEETING,
                "MeetingPage": _page_of("Meeting"),
                "Answer": ANSWER,
                "Viewpoint": VIEWPOINT,
                "ViewpointPage": _page_of("Viewpoint"),
                "Figure": FIGURE,
                "Statistics": STATISTICS,
            },
        },
    }
