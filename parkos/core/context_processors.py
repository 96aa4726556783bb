from django.conf import settings


def parkos(request):
    return {"district_name": settings.PARKOS_DISTRICT_NAME}
