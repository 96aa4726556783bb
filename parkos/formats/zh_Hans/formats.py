"""Number formats of Chinese statistical and financial reports: 24,222.00 万元, grouped by
thousands with a comma. Django's zh_Hans groups by four with no separator at all, which
printed amounts as 24222.00. Everything else comes from Django's zh_Hans formats."""

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
