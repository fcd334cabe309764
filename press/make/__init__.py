"""What the press makes for a target: a build, many places, a print run, new files, schemas."""
