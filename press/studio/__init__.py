"""The studio: staff write and check every document in the browser (press/studio/app.py)."""
