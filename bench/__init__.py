"""`make bench`: the search page at 10,000 and 100,000 opportunities (see bench/README.md)."""
