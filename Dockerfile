# The CodingRules service image: `codingrules serve` on port 8080, as the non-root user `app` (UID 1654), with the
# shipped rules at /rules (mount a folder over /rules to serve others). See docs/operations.md.
#
#   docker build -t codingrules .
#   docker run --rm -p 8080:8080 --read-only --tmpfs /tmp codingrules
#   docker run --rm -v "$PWD/rules:/rules:ro" codingrules validate /rules      # any verb: the entry point is the tool
#
# Note: written for this repository but not built where it was written (no Docker engine ran on that machine); the
# build stage runs the same restore and publish commands as .ci/run, which were run there, and DeploymentTests keeps
# its flags, port, user and stages in step with the tool and deploy/kubernetes.yaml.

# Build: the tool published for the target's runtime, self-contained and precompiled (one composite ReadyToRun image
# of the framework and the tool; CodingRules.Cli.csproj turns that on for any -r). Note: self-contained rather than
# framework-dependent on aspnet:10.0, because this is the build that was measured (docs/performance.md: it starts in
# about half the time of the JIT build) and that CI checks byte for byte; it needs no .NET in the runtime image, so
# that image is runtime-deps, the smallest with the native libraries .NET needs, and the runtime is the one the tool
# was built and tested with.
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# Set by BuildKit to the architecture being built (amd64, arm64); the SDK stage runs on the builder's own and
# cross-compiles.
ARG TARGETARCH
WORKDIR /src
# The project files first, so that a change of code or rules does not download the packages again.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/CodingRules/CodingRules.csproj src/CodingRules/
COPY src/CodingRules.Cli/CodingRules.Cli.csproj src/CodingRules.Cli/
RUN case "$TARGETARCH" in arm64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac \
    && dotnet restore src/CodingRules.Cli -r "$rid"
# The library embeds two schemas and the tool ships schemas/ and rules/ beside itself (the csproj copies them).
COPY schemas/ schemas/
COPY rules/ rules/
COPY src/ src/
RUN case "$TARGETARCH" in arm64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac \
    && dotnet publish src/CodingRules.Cli -c Release -r "$rid" --no-restore -o /out -nologo

# Run: no SDK, no .NET beyond the tool's own, no package manager use; every file owned by root and read-only to the
# user the service runs as.
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0 AS runtime
WORKDIR /app
COPY --from=build /out/ /app/
# The rules served by default, at the fixed path the command below names. Note: no VOLUME instruction: it would
# create an anonymous volume on every `docker run`, and an image built FROM this one could not replace the rules
# (changes to a declared volume in later build steps are discarded); a folder mounted over /rules needs none.
COPY --from=build /out/rules/ /rules/
RUN ln -s /app/CodingRules.Cli /usr/local/bin/codingrules
# The service writes only under the temporary folder (/v1/validate's temporary files, the runtime's diagnostics
# socket) and the schema-check cache: the cache goes there too, so the root file system can be read-only with /tmp a
# tmpfs or an emptyDir. HTTP_PORTS, set by the base image, is emptied: the service binds what --urls says, and Kestrel
# would otherwise warn at every start that it overrides HTTP_PORTS. Note: a batch request holds a thread-pool thread
# while it is evaluated (its reader is synchronous); with 32 concurrent batches on 2 cores, up to 9 of them failed with
# 500 (their bodies not read fast enough while the pool grew) in four runs of five, none in three runs with 64 threads
# from the start (docs/operations.md, "Limits").
ENV CODINGRULES_CACHE=/tmp/codingrules-cache \
    ASPNETCORE_HTTP_PORTS= \
    DOTNET_ThreadPool_ForceMinWorkerThreads=0x40
# The base image's non-root user, by number, so that Kubernetes' runAsNonRoot can check it.
USER $APP_UID
EXPOSE 8080
# Note: no curl or wget in runtime-deps; bash's /dev/tcp asks for readiness. Kubernetes ignores HEALTHCHECK and uses
# the probes of deploy/kubernetes.yaml.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/ready HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# The service binds 127.0.0.1 unless told otherwise; in a container it must listen on every interface. SIGTERM (docker
# stop, a pod's deletion) lets requests in flight finish for up to 30 s; the exec form makes the tool PID 1, so it
# receives the signal itself.
ENTRYPOINT ["/usr/local/bin/codingrules"]
CMD ["serve", "--rules", "/rules", "--urls", "http://0.0.0.0:8080"]
