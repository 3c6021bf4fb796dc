# PAM server image: slim, non-root, locked dependencies, a health check.
# (Not built on the project's own machines: they run no container engine.)
FROM python:3.11-slim AS build
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never
RUN pip install --no-cache-dir uv==0.13.9
WORKDIR /app
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project
COPY agent agent
COPY tools tools
COPY server server
COPY graph.py langgraph.json ./
RUN uv sync --frozen --no-dev

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 pam
WORKDIR /app
COPY --from=build --chown=pam:pam /app /app
ENV PATH="/app/.venv/bin:$PATH" \
    PYTHONUNBUFFERED=1 \
    HOST=0.0.0.0 \
    PORT=8000 \
    PAM_DATA_DIR=/home/pam/data
USER pam
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health/live', timeout=2).status != 200)"
# One uvicorn worker per container: scale out with replicas (state is in Postgres/Redis).
CMD ["pam", "serve"]
