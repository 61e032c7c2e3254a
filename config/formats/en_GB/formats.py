"""Dates as the newsroom reads them: "9 January 2013, 14:05 GMT", in the site's time zone
(TIME_ZONE) and naming it, wherever DATETIME_FORMAT is used: the history and compare
pages, the admin's read-only dates, and the messages about locks and schedules."""

DATETIME_FORMAT = "j F Y, H:i T"
