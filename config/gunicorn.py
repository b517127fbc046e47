"""gunicorn's settings for the platform (scripts/serve). Each can be overridden by the
environment variable named beside it, or by gunicorn's own command-line options."""

import multiprocessing
import os

bind = os.environ.get("DXJINZAI_BIND", "127.0.0.1:8000")
# Threaded workers: a request mostly waits on the database, so threads serve others
# meanwhile; processes use the cores. Two per core plus one is gunicorn's own advice.
worker_class = "gthread"
workers = int(os.environ.get("DXJINZAI_WEB_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("DXJINZAI_WEB_THREADS", 4))
# An export of a large list or an import's report can take a while; nothing takes a minute.
timeout = 60
graceful_timeout = 30
# Recycle workers now and then, so that a slow leak never grows for weeks.
max_requests = 2000
max_requests_jitter = 200
# The address of a reverse proxy on the same machine; others via DJANGO_TRUSTED_PROXIES.
forwarded_allow_ips = os.environ.get("DXJINZAI_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("DXJINZAI_ACCESS_LOG", "-")
errorlog = "-"
wsgi_app = "config.wsgi:application"
