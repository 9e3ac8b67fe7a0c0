"""A local OpenAI-compatible chat server with scripted replies, for tests only.

Each request to ``/v1/chat/completions`` takes the next scripted reply:
``{"content": "…"}`` (a normal answer, streamed as SSE when the request asks for it),
``{"status": 500}``, ``{"sleep": seconds, "content": "…"}`` (for timeouts) or
``{"raw": "…"}`` (a malformed body). Requests are recorded for assertions.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeOpenAI:
    def __init__(self) -> None:
        self.replies: list[dict[str, Any]] = []
        self.requests: list[dict[str, Any]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append(body)
                reply = fake.replies.pop(0) if fake.replies else {"content": "无法回答"}
                if reply.get("sleep"):
                    time.sleep(reply["sleep"])
                if "status" in reply:
                    self._send(reply["status"], json.dumps({"error": {"message": "boom"}}))
                    return
                if "raw" in reply:
                    self._send(200, reply["raw"])
                    return
                content = reply["content"]
                if body.get("stream"):
                    self.send_response(200)
                    self.send_header("Content-Type", "text/event-stream")
                    self.end_headers()
                    for i in range(0, len(content), 7):
                        self._event({"content": content[i : i + 7]}, None)
                    self._event({}, "stop")
                    self.wfile.write(b"data: [DONE]\n\n")
                    return
                self._send(
                    200,
                    json.dumps(
                        {
                            "id": "chatcmpl-fake",
                            "object": "chat.completion",
                            "created": 0,
                            "model": body.get("model", "fake"),
                            "choices": [
                                {
                                    "index": 0,
                                    "message": {"role": "assistant", "content": content},
                                    "finish_reason": "stop",
                                }
                            ],
                            "usage": {
                                "prompt_tokens": 1,
                                "completion_tokens": 1,
                                "total_tokens": 2,
                            },
                        },
                        ensure_ascii=False,
                    ),
                )

            def _event(self, delta: dict[str, Any], finish: str | None) -> None:
                chunk = {
                    "id": "chatcmpl-fake",
                    "object": "chat.completion.chunk",
                    "created": 0,
                    "model": "fake",
                    "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
                }
                data = json.dumps(chunk, ensure_ascii=False)
                self.wfile.write(f"data: {data}\n\n".encode())
                self.wfile.flush()

            def _send(self, status: int, text: str) -> None:
                data = text.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> FakeOpenAI:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()

    def prompt(self, i: int = -1) -> str:
        """All message contents of the i-th request, joined."""
        return "\n".join(m["content"] for m in self.requests[i]["messages"])
