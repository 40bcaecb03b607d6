"""Running the public dashboard in production shapes (issue 9): kept out of the lessons' code."""
