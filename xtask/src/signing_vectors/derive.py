"""Derives ACS3-HMAC-SHA256 signatures of ROA requests with Alibaba Cloud's
official Python signer (alibabacloud_openapi_util), for the runtime's tests.

Run by `cargo xtask signing-vectors` inside a virtual environment holding
the pinned packages; prints the vectors as JSON on standard output.
"""

import hashlib
import json
import sys

from alibabacloud_openapi_util.client import Client
from Tea.request import TeaRequest

ACCESS_KEY_ID = "YourAccessKeyId"
ACCESS_KEY_SECRET = "YourAccessKeySecret"
HOST = "fcv3.cn-hangzhou.aliyuncs.com"

CASES = [
    {
        "name": "UpdateCustomDomain: a JSON body and a query member",
        "action": "UpdateCustomDomain",
        "method": "PUT",
        "path": ["/2023-03-30/custom-domains/", ("domainName", "example.com")],
        "query": {"qualifier": "LATEST"},
        "body": '{"protocol":"HTTPS","certConfig":{"certName":"my-cert"}}',
        "date": "2024-06-24T08:00:00Z",
        "nonce": "3156853299f313e23d1673dc12e1703d",
    },
    {
        "name": "DeleteAlias: path segments that need encoding, no body",
        "action": "DeleteAlias",
        "method": "DELETE",
        "path": [
            "/2023-03-30/functions/",
            ("functionName", "my func"),
            "/aliases/",
            ("aliasName", "release~1+€"),
        ],
        "query": {},
        "body": None,
        "date": "2024-06-24T08:00:01Z",
        "nonce": "7a9ce21b4c2a4cbe9d36a7a1c4d3b8f0",
    },
]


def derive(case):
    # The path as the vendor's generated SDK clients build it: the template's
    # text as written, each member through `get_encode_param`.
    path = "".join(
        part if isinstance(part, str) else Client.get_encode_param(part[1])
        for part in case["path"]
    )
    body = (case["body"] or "").encode("utf-8")
    payload_hash = Client.hex_encode(Client.hash(body, "ACS3-HMAC-SHA256"))
    headers = {
        "host": HOST,
        "x-acs-action": case["action"],
        "x-acs-version": "2023-03-30",
        "x-acs-date": case["date"],
        "x-acs-signature-nonce": case["nonce"],
        "x-acs-content-sha256": payload_hash,
    }
    if case["body"] is not None:
        headers["content-type"] = "application/json; charset=utf-8"
    request = TeaRequest()
    request.method = case["method"]
    request.pathname = path
    request.query = dict(case["query"])
    request.headers = dict(headers)
    authorization = Client.get_authorization(
        request, "ACS3-HMAC-SHA256", payload_hash, ACCESS_KEY_ID, ACCESS_KEY_SECRET
    )
    return {
        "name": case["name"],
        "method": case["method"],
        "path_members": {p[0]: p[1] for p in case["path"] if not isinstance(p, str)},
        "path": path,
        "query": case["query"],
        "headers": headers,
        "body": case["body"],
        "payload_hash": payload_hash,
        "authorization": authorization,
    }


json.dump(
    {
        "access_key_id": ACCESS_KEY_ID,
        "access_key_secret": ACCESS_KEY_SECRET,
        "vectors": [derive(case) for case in CASES],
    },
    sys.stdout,
    indent=2,
    ensure_ascii=False,
)
sys.stdout.write("\n")
