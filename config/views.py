from django.http import HttpResponse


def hello(request):
    """The smallest Django page: the benchmark's ceiling, and a liveness probe.

    It goes through the same middleware as every page, and touches neither the
    database nor the cache.
    """
    return HttpResponse("Hello, world\n", content_type="text/plain")
