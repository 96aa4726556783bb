"""What the register tells the domains above it, which it does not know (the early warnings
listen for new monthly figures)."""

from django.dispatch import Signal

# Sent once an import of monthly indicators is committed; `months`: the (year, month) pairs it
# wrote. Receivers run after the commit, outside the import's transaction.
months_imported = Signal()
