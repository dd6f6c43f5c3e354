using System.Buffers;
using System.Globalization;
using System.Text.Json;
using CodingRules.Catalog;
using CodingRules.Cli.Commands;
using CodingRules.Diagnostics;
using CodingRules.Encounters;
using CodingRules.Evaluation;
using CodingRules.Loading;
using CodingRules.Model;
using CodingRules.Results;
using CodingRules.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Prometheus;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace CodingRules.Cli.Service;

/// <summary>
/// The service's HTTP surface, thin over the library: evaluate (one encounter or NDJSON, streamed both ways),
/// versions, resolve, status and health. Every evaluation uses the one catalog snapshot in force when its request
/// started and names its revision (the <c>CodingRules-Revision</c> header, and <c>revision</c> in each result).
/// Errors are RFC 9457 problem details.
/// </summary>
internal static class ServiceEndpoints
{
    /// <summary>The response header that names the catalog revision a response was computed with.</summary>
    public const string RevisionHeader = "CodingRules-Revision";

    /// <summary>Largest NDJSON request body (each record is still limited to 1 MiB by the reader).</summary>
    public const long MaxBatchBytes = 256L * 1024 * 1024;

    /// <summary>The time limit of the endpoints that read a batch or a corpus (<c>serve --batch-timeout</c>).</summary>
    public const string BatchTimeout = "batch";

    /// <summary>The concurrency limit of the endpoints that evaluate, replay or load rules (<c>serve --max-concurrent</c>).</summary>
    public const string Work = "work";

    private const string Ndjson = "application/x-ndjson";

    public static void Map(WebApplication app, CatalogHolder holder, ServiceMetrics metrics, CorpusFolder? corpora, DecisionLog? decisions)
    {
        app.MapMetrics("/metrics");
        PageEndpoints.Map(app);
        app.MapGet("/health/live", () => HttpResults.Text("live\n"));
        app.MapGet("/health/ready", () => holder.Current is null
            ? NoCatalog()
            : HttpResults.Text("ready\n"));
        app.MapGet("/v1/status", () => Status(holder));
        app.MapGet("/v1/versions", () => WithCatalog(holder, Versions));
        app.MapGet("/v1/resolve", (string? ruleSet, string? date) => WithCatalog(holder, s => Resolve(s, ruleSet, date)));
        app.MapPost("/v1/evaluate", (Delegate)((HttpContext context) => Evaluate(context, holder, metrics, decisions)))
            .WithRequestTimeout(BatchTimeout).RequireRateLimiting(Work);
        // The OpenAPI document and the JSON Schemas it refers to, as shipped beside the tool (schemas/).
        var schemas = SchemaFiles();
        app.MapGet("/openapi.json", () => Schema(schemas, "openapi.json"));
        app.MapGet("/schemas/{name}", (string name) => Schema(schemas, name));
        DiffEndpoint.Map(app, holder, corpora);
        app.MapGet("/v1/corpora", () => corpora is null ? HttpResults.Json(Array.Empty<object>()) : HttpResults.Json(corpora.List().Select(c => new { name = c.Name, bytes = c.Bytes })));
        app.MapGet("/v1/corpora/{*name}", (string name, long? line) =>
            corpora is null || line is not { } n ? HttpResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Give a corpus and a line", detail: "GET /v1/corpora/NAME?line=N, NAME one of GET /v1/corpora")
            : corpora.Line(name, n) is { } text ? HttpResults.Text(text, "application/json")
            : HttpResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such corpus or line", detail: $"'{name}' has no line {n} of at most {RecordReader.MaxDocumentBytes} bytes"));
        app.MapPost("/v1/validate", (HttpContext context, string? path) => Validate(context, holder, path)).RequireRateLimiting(Work);
    }

    /// <summary>The files of the tool's schemas folder, by name, read once at start.</summary>
    private static Dictionary<string, byte[]> SchemaFiles()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "schemas");
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.json").ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes, StringComparer.Ordinal)
            : [];
    }

    private static IResult Schema(Dictionary<string, byte[]> schemas, string name) =>
        schemas.TryGetValue(name, out var bytes)
            ? HttpResults.Bytes(bytes, "application/json")
            : HttpResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such schema", detail: $"the schemas are {string.Join(", ", schemas.Keys.Order(StringComparer.Ordinal))}");

    private static IResult WithCatalog(CatalogHolder holder, Func<CatalogSnapshot, IResult> answer) =>
        holder.Current is { } snapshot
            ? answer(snapshot)
            : NoCatalog();

    private static IResult Status(CatalogHolder holder)
    {
        var current = holder.Current;
        var failure = holder.LastFailure;
        return HttpResults.Json(new
        {
            rules = holder.Rules,
            revision = current?.Revision,
            loadedAt = current?.LoadedAt,
            ruleSets = current?.Catalog.RuleSets.Length ?? 0,
            reloads = holder.Reloads,
            failedReloads = holder.FailedReloads,
            lastFailure = failure is null ? null : new
            {
                at = failure.At,
                diagnostics = failure.Diagnostics.Take(100).Select(d => DiagnosticJson(d, d.Location.Path)),
            },
        });
    }

    private static IResult Versions(CatalogSnapshot snapshot) =>
        Revisioned(snapshot, HttpResults.Json(snapshot.Catalog.RuleSets.Select(Version)));

    private static object Version(RuleSet r) => new
    {
        id = r.Id,
        version = r.Version,
        kind = r.Kind,
        from = Iso(r.Effective.From),
        until = r.Effective.Until is { } u ? Iso(u) : null,
        extends = r.Extends,
        sha256 = r.Sha256,
        file = r.Location.Path,
    };

    private static IResult Resolve(CatalogSnapshot snapshot, string? ruleSet, string? date)
    {
        if (string.IsNullOrEmpty(ruleSet) || string.IsNullOrEmpty(date))
        {
            return HttpResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Both ruleSet and date are required", detail: "GET /v1/resolve?ruleSet=ID&date=YYYY-MM-DD");
        }

        if (!TryDate(date, out var day))
        {
            return HttpResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The date is not a date", detail: $"'{date}' is not YYYY-MM-DD");
        }

        if (snapshot.Catalog.Versions(ruleSet).IsEmpty)
        {
            return Revisioned(snapshot, HttpResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such rule set", detail: $"no rule set '{ruleSet}' is loaded"));
        }

        var resolution = snapshot.Catalog.Resolve(ruleSet, day);
        return Revisioned(snapshot, HttpResults.Json(new
        {
            ruleSet,
            date = Iso(day),
            inForce = resolution.InForce is { } v ? Version(v) : null,
            before = resolution.Before is { } b ? Version(b) : null,
            after = resolution.After is { } a ? Version(a) : null,
            explanation = resolution.Explanation,
        }));
    }

    private static async Task<IResult> Evaluate(HttpContext context, CatalogHolder holder, ServiceMetrics metrics, DecisionLog? decisions)
    {
        if (holder.Current is not { } snapshot)
        {
            return NoCatalog();
        }

        var explain = context.Request.Query["explain"] is [var e] && string.Equals(e, "true", StringComparison.OrdinalIgnoreCase);
        var catalog = snapshot.Catalog;
        var uses = context.Request.Query["use"];
        if (uses.Count > 1)
        {
            return HttpResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "One version at most", detail: "give use=ID@VERSION once");
        }

        var used = uses.Count == 1 ? uses[0] : null;
        if (used is not null)
        {
            // ?use=ID@VERSION: that version in force on every date in place of its rule set's (as a replay evaluates a
            // side of a diff), so an auditor sees one encounter under each side.
            if (DiffSide.FindVersion(catalog, used, out var error) is not { } version)
            {
                return Revisioned(snapshot, HttpResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such version", detail: error));
            }

            catalog = snapshot.With(version);
        }

        var mediaType = MediaType(context);
        if (string.Equals(mediaType, Ndjson, StringComparison.OrdinalIgnoreCase))
        {
            await EvaluateBatch(context, snapshot, catalog, explain, metrics, decisions, used);
            return HttpResults.Empty;
        }

        if (!string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return HttpResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported content type",
                detail: $"send one encounter as application/json or a batch as {Ndjson}");
        }

        var body = await ReadAtMost(context.Request.Body, RecordReader.MaxDocumentBytes, context.RequestAborted);
        if (body is null)
        {
            return HttpResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The encounter is too large", detail: $"one encounter is at most {RecordReader.MaxDocumentBytes} bytes; send a batch as {Ndjson}");
        }

        var trace = explain ? new EvaluationTrace() : null;
        var result = catalog.Evaluate(body.WrittenSpan, trace);
        metrics.Observe(result);
        if (decisions is not null)
        {
            decisions.Add(snapshot.Revision, context.TraceIdentifier, 1, used, body.WrittenMemory, result, context.RequestAborted);
        }

        var json = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(json, JsonOutput.Options()))
        {
            ResultJsonWriter.Write(writer, result, w => NdjsonEvaluation.More(w, trace, snapshot.Revision));
        }

        // Note: a record that is not a valid encounter is answered with its error result (located errors), as 422.
        context.Response.StatusCode = result.IsError ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = json.WrittenCount;
        context.Response.Headers[RevisionHeader] = snapshot.Revision;
        await context.Response.Body.WriteAsync(json.WrittenMemory, context.RequestAborted);
        return HttpResults.Empty;
    }

    /// <summary>
    /// An NDJSON batch: records are read as they arrive and their results written as each batch is done, in input
    /// order, exactly one per record (a bad record is an error result), all with the snapshot taken at the start.
    /// </summary>
    private static async Task<bool> EvaluateBatch(HttpContext context, CatalogSnapshot snapshot, RuleCatalog catalog, bool explain, ServiceMetrics metrics, DecisionLog? decisions, string? used)
    {
        ReadsALargeBodySynchronously(context);

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = Ndjson;
        context.Response.Headers[RevisionHeader] = snapshot.Revision;
        var limits = new OrderedBatches.Limits(Environment.ProcessorCount, 256, 1 << 20);
        using var body = new DeadlineStream(context.Request.Body, context.RequestAborted, context);
        var (revision, request, cancel) = (snapshot.Revision, context.TraceIdentifier, context.RequestAborted);
        Action<InputRecord, EvaluationResult> observe = decisions is null
            ? (_, result) => metrics.Observe(result)
            : (record, result) =>
            {
                metrics.Observe(result);
                decisions.Add(revision, request, record.Number, used, record.Utf8, result, cancel);
            };
        return await Task.Run(() => NdjsonEvaluation.Write(catalog, RecordReader.ReadRecords(body, InputLayout.Ndjson), context.Response.Body, limits, explain, snapshot.Revision, observe));
    }

    /// <summary>
    /// One rule or test file in the body, checked as <c>codingrules validate</c> checks it, composed against the rules
    /// folder served (so a file that extends a template or imports a library is checked with them), as if it stood at
    /// <paramref name="path"/> (relative to the rules folder; default <c>request.yaml</c>). Always 200 with the
    /// diagnostics (their paths are <paramref name="path"/>); 413 past the rule file limit, 400 for a path that is
    /// not a YAML or JSON file name inside the folder.
    /// </summary>
    private static async Task<IResult> Validate(HttpContext context, CatalogHolder holder, string? path)
    {
        var name = string.IsNullOrEmpty(path) ? "request.yaml" : path.Replace('\\', '/');
        if (!UploadedRules.IsRulePath(name))
        {
            return NotARulePath();
        }

        var body = await ReadAtMost(context.Request.Body, LoadLimits.MaxFileBytes, context.RequestAborted);
        if (body is null)
        {
            return HttpResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The file is too large", detail: $"a rule file is at most {LoadLimits.MaxFileBytes} bytes");
        }

        var (catalog, diagnostics, show) = UploadedRules.Load(holder.Rules, name, body.WrittenSpan, includeTests: true);
        return HttpResults.Json(new
        {
            path = name,
            valid = !diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error),
            errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error),
            warnings = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning),
            ruleSets = catalog.RuleSets.Select(r => $"{r.Id}@{r.Version}"),
            diagnostics = diagnostics.Take(100).Select(d => DiagnosticJson(d, show(d.Location.Path))),
        });
    }

    /// <summary>
    /// Lets the request's body be read synchronously and up to <see cref="MaxBatchBytes"/>: a batch or a corpus read by
    /// the same reader and pipeline as the CLI's (synchronous streams), on a pool thread.
    /// </summary>
    internal static void ReadsALargeBodySynchronously(HttpContext context)
    {
        if (context.Features.Get<IHttpBodyControlFeature>() is { } control)
        {
            control.AllowSynchronousIO = true;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBatchBytes;
        }
    }

    /// <summary>The request's media type without its parameters (<c>application/json; charset=utf-8</c> is <c>application/json</c>).</summary>
    internal static string? MediaType(HttpContext context) => context.Request.ContentType?.Split(';')[0].Trim();

    internal static IResult NoCatalog() => HttpResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "No catalog is loaded yet");

    internal static IResult NotARulePath() => HttpResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Not a rule file path",
        detail: "path is a file name ending .yaml, .yml or .json, relative to the rules folder, without '..'");

    /// <summary>The whole body when it holds at most <paramref name="limit"/> bytes; null when it holds more.</summary>
    internal static async Task<ArrayBufferWriter<byte>?> ReadAtMost(Stream body, long limit, CancellationToken cancel)
    {
        var buffer = new ArrayBufferWriter<byte>(8192);
        while (true)
        {
            var read = await body.ReadAsync(buffer.GetMemory(8192), cancel);
            if (read == 0)
            {
                return buffer;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                return null;
            }
        }
    }

    internal static WithHeader Revisioned(CatalogSnapshot snapshot, IResult result) => new WithHeader(result, snapshot.Revision);

    /// <summary>A diagnostic as the service shows it: the fields of <c>validate --format json</c>, with the path given.</summary>
    internal static object DiagnosticJson(Diagnostic d, string path) => new
    {
        id = d.Descriptor.Id,
        severity = d.Severity.ToString().ToLowerInvariant(),
        path,
        line = d.Location.Line,
        column = d.Location.Column,
        message = d.Message,
    };

    internal static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A result with the revision header added.</summary>
    internal sealed class WithHeader(IResult inner, string revision) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[RevisionHeader] = revision;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
