"""Bring your own data: check an analyst's ACLED or UCDP GED CSV export and map it onto the briefing's events."""

from widgets.byod.loader import Problem, UploadResult, load_upload
from widgets.byod.schema import MAX_BYTES, MAX_ROWS, REGION_LAT, REGION_LON

__all__ = ["MAX_BYTES", "MAX_ROWS", "Problem", "REGION_LAT", "REGION_LON", "UploadResult", "load_upload"]
