"""Financing (融资): the park's loan programmes (湾区贷) with their rounds and partner banks, and
the enterprises' financing demands (融资需求) followed from filing to a bank's answer."""
