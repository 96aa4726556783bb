"""The hook the investment pipeline listens to: an enquiry arrived from the online park.

    from parkos.portal.signals import enquiry_received
    enquiry_received.connect(make_lead)   # receiver(sender, enquiry, **kwargs)

Sent after the enquiry is committed, so a receiver may start its own transaction."""

from django.dispatch import Signal

enquiry_received = Signal()
