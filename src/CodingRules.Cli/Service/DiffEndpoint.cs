using System.Collections.Immutable;
using System.Text.Json;
using CodingRules.Catalog;
using CodingRules.Cli.Commands;
using CodingRules.Diagnostics;
using CodingRules.Diff;
using CodingRules.Loading;
using CodingRules.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace CodingRules.Cli.Service;

/// <summary>
/// <c>POST /v1/diff</c>: the semantic diff of two versions, as <c>codingrules diff A B --format json</c> writes it
/// (locations relative to the rules folder), with the impact replay of an encounter corpus when one is given, as
/// <c>diff A B --encounters FILE --format json</c> writes it. The sides are versions of the catalog in force
/// (<c>id@version</c>), the versions of one rule set in force on two dates, or rule files sent in the request (each
/// loaded as if it stood at its path in the rules folder). The corpus is the body itself (NDJSON, the sides in the
/// query), one of the server's corpora (<c>serve --corpora DIR</c>) named in a JSON request, or the second part of a
/// <c>multipart/form-data</c> request whose first part is the JSON request (an edited rule file on an uploaded corpus).
/// </summary>
/// <remarks>
/// Requests: <c>application/json</c> <c>{"before": SIDE, "after": SIDE}</c> or <c>{"ruleSet": "id", "dates": [D1,
/// D2]}</c>, with <c>"corpus": "name"</c> and <c>"allDates": true</c> optional, where a SIDE is <c>"id@version"</c> or
/// <c>{"path": "relative/file.yaml", "content": "the file's text"}</c>; or <c>application/x-ndjson</c> (the corpus)
/// with <c>?before=&amp;after=</c> or <c>?ruleSet=&amp;dates=D1&amp;dates=D2</c>, and <c>allDates=true</c>. The
/// response names the sides compared in the <c>CodingRules-Before</c> and <c>CodingRules-After</c> headers
/// (<c>id@version</c>, or the uploaded file's path) and the catalog in the revision header.
/// </remarks>
internal static class DiffEndpoint
{
    /// <summary>Largest JSON diff request: two uploaded rule files (each at most the rule file limit, escaped) and the names.</summary>
    public const int MaxRequestBytes = (int)(2 * 2 * LoadLimits.MaxFileBytes) + (64 * 1024);

    public const string BeforeHeader = "CodingRules-Before";

    public const string AfterHeader = "CodingRules-After";

    private static readonly JsonDocumentOptions RequestJson = new() { MaxDepth = 8 };

    public static void Map(WebApplication app, CatalogHolder holder, CorpusFolder? corpora) =>
        app.MapPost("/v1/diff", (Delegate)((HttpContext context) => Handle(context, holder, corpora)))
            .WithRequestTimeout(ServiceEndpoints.BatchTimeout).RequireRateLimiting(ServiceEndpoints.Work);

    private static async Task<IResult> Handle(HttpContext context, CatalogHolder holder, CorpusFolder? corpora)
    {
        if (holder.Current is not { } snapshot)
        {
            return ServiceEndpoints.NoCatalog();
        }

        var mediaType = ServiceEndpoints.MediaType(context);
        if (string.Equals(mediaType, "application/x-ndjson", StringComparison.OrdinalIgnoreCase))
        {
            var query = context.Request.Query;
            var dates = query["dates"].SelectMany(d => (d ?? string.Empty).Split(',')).ToArray();
            var request = new Request(Side.Named(query["before"]), Side.Named(query["after"]), query["ruleSet"], dates, null, IsTrue(query["allDates"]));
            return await Answer(context, holder, snapshot, request, context.Request.Body, fromRequest: true);
        }

        if (string.Equals(mediaType, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return await Multipart(context, holder, snapshot);
        }

        if (!string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return HttpResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported content type",
                detail: "send the request as application/json, a corpus to replay as application/x-ndjson with the sides in the query, or both as multipart/form-data (request, then corpus)");
        }

        var (parsed, problem) = await ReadRequest(context.Request.Body, context.RequestAborted);
        if (parsed is null)
        {
            return problem!;
        }

        if (parsed.Corpus is not { } name)
        {
            return await Answer(context, holder, snapshot, parsed, corpus: null, fromRequest: false);
        }

        using var file = corpora?.Open(name);
        if (file is null)
        {
            return ServiceEndpoints.Revisioned(snapshot, HttpResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No such corpus",
                detail: corpora is null ? "the server has no corpora (serve --corpora DIR)" : $"'{name}' is not one of GET /v1/corpora"));
        }

        return await Answer(context, holder, snapshot, parsed, file, fromRequest: false);
    }

    /// <summary>
    /// <c>multipart/form-data</c>: a part <c>request</c> (the JSON request, rule files as sides included), then a part
    /// <c>corpus</c> (the NDJSON to replay), read as it arrives: an edited rule file replayed on an uploaded corpus.
    /// </summary>
    private static async Task<IResult> Multipart(HttpContext context, CatalogHolder holder, CatalogSnapshot snapshot)
    {
        var boundary = MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) ? HeaderUtilities.RemoveQuotes(type.Boundary).Value : null;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
        {
            return HttpResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No multipart boundary", detail: "multipart/form-data needs a boundary of at most 200 characters");
        }

        var reader = new MultipartReader(boundary, context.Request.Body) { HeadersCountLimit = 16, HeadersLengthLimit = 16 * 1024 };
        var first = await reader.ReadNextSectionAsync(context.RequestAborted);
        if (first is null || PartName(first) != "request")
        {
            return HttpResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No request part", detail: "the first part is 'request' (the JSON request), the second 'corpus' (NDJSON)");
        }

        var (parsed, problem) = await ReadRequest(first.Body, context.RequestAborted);
        if (parsed is null)
        {
            return problem!;
        }

        var second = await reader.ReadNextSectionAsync(context.RequestAborted);
        if (second is null || PartName(second) != "corpus")
        {
            return HttpResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No corpus part", detail: "the second part is 'corpus' (NDJSON)");
        }

        return await Answer(context, holder, snapshot, parsed with { Corpus = null }, second.Body, fromRequest: true);
    }

    /// <summary>The JSON request read from <paramref name="body"/> with its bound, or the problem that says why not.</summary>
    private static async Task<(Request? Request, IResult? Problem)> ReadRequest(Stream body, CancellationToken cancel)
    {
        var bytes = await ServiceEndpoints.ReadAtMost(body, MaxRequestBytes, cancel);
        if (bytes is null)
        {
            return (null, HttpResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request is too large", detail: $"a diff request is at most {MaxRequestBytes} bytes"));
        }

        try
        {
            using var json = JsonDocument.Parse(bytes.WrittenMemory, RequestJson);
            return (Request.From(json.RootElement), null);
        }
        catch (JsonException e)
        {
            return (null, HttpResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request is not JSON of the expected shape", detail: e.Message));
        }
    }

    private static string? PartName(MultipartSection section) =>
        ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) ? HeaderUtilities.RemoveQuotes(disposition.Name).Value : null;

    private static async Task<IResult> Answer(HttpContext context, CatalogHolder holder, CatalogSnapshot snapshot, Request request, Stream? corpus, bool fromRequest)
    {
        var (sides, problem) = Sides(holder, snapshot, request);
        if (sides is not var (before, after))
        {
            return problem!;
        }

        var changes = RuleDiff.CompareVersions(before.Version, after.Version).Select(c => c with
        {
            BeforeLocation = c.BeforeLocation is { } l ? l with { Path = before.Show(l.Path) } : null,
            AfterLocation = c.AfterLocation is { } r ? r with { Path = after.Show(r.Path) } : null,
        }).ToImmutableArray();
        context.Response.Headers[ServiceEndpoints.RevisionHeader] = snapshot.Revision;
        context.Response.Headers[BeforeHeader] = before.Name;
        context.Response.Headers[AfterHeader] = after.Name;
        if (corpus is null)
        {
            var json = new MemoryStream();
            DiffFormatter.WriteJson(json, changes);
            return HttpResults.Bytes(json.ToArray(), "application/json");
        }

        // Note: the replay reads the corpus and writes the report synchronously, as the CLI does, on a pool thread; the
        // report is written only once the replay has ended (its totals come first), from a temporary file, so memory
        // stays bounded whatever the corpus holds. The body is read through the request's deadline.
        ServiceEndpoints.ReadsALargeBodySynchronously(context);

        var (was, now) = (RuleCatalog.InPlaceOf(snapshot.Catalog.RuleSets, before.Version), RuleCatalog.InPlaceOf(snapshot.Catalog.RuleSets, after.Version));
        using var input = new DeadlineStream(corpus, context.RequestAborted, fromRequest ? context : null);
        // Note: the report goes to a temporary file (deleted when closed) and is sent from there, so that a replay
        // that fails part way (the body too large, the deadline) is answered with a problem rather than a truncated
        // document, and memory stays bounded however many encounters change.
        var report = new FileStream(Path.Combine(Path.GetTempPath(), $"codingrules-impact-{Guid.NewGuid():N}.json"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        try
        {
            await Task.Run(() => DiffFormatter.WriteJson(report, changes, sink => ImpactReplay.Run(was, now, input, sink, request.AllDates)));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await report.DisposeAsync();
            return HttpResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The corpus is too large", detail: $"a corpus sent to replay is at most {ServiceEndpoints.MaxBatchBytes} bytes");
        }
        catch
        {
            await report.DisposeAsync();
            throw;
        }

        report.Position = 0;
        return HttpResults.Stream(report, "application/json");
    }

    /// <summary>The two sides asked for, or the problem that says why not.</summary>
    private static ((Side.Resolved Before, Side.Resolved After)? Sides, IResult? Problem) Sides(CatalogHolder holder, CatalogSnapshot snapshot, Request request)
    {
        var catalog = snapshot.Catalog;
        if (request is { RuleSet: { Length: > 0 } id, Dates: [var d1, var d2] })
        {
            if (!ServiceEndpoints.TryDate(d1, out var first) || !ServiceEndpoints.TryDate(d2, out var second))
            {
                return (null, HttpResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The dates are not dates", detail: "dates are two YYYY-MM-DD"));
            }

            var (a, b) = (catalog.Resolve(id, first).InForce, catalog.Resolve(id, second).InForce);
            if (a is null || b is null)
            {
                return (null, ServiceEndpoints.Revisioned(snapshot, HttpResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No version in force", detail: $"'{id}' has no version in force on {(a is null ? d1 : d2)}")));
            }

            return ((Side.Of(holder, a), Side.Of(holder, b)), null);
        }

        if (request is not { Before: { } before, After: { } after })
        {
            return (null, HttpResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Nothing to compare",
                detail: "send {\"before\": SIDE, \"after\": SIDE} (a SIDE is \"id@version\" or {\"path\": \"file.yaml\", \"content\": \"...\"}) or {\"ruleSet\": \"id\", \"dates\": [\"YYYY-MM-DD\", \"YYYY-MM-DD\"]}"));
        }

        var left = before.Resolve(holder, snapshot);
        if (left.Problem is not null)
        {
            return (null, left.Problem);
        }

        var right = after.Resolve(holder, snapshot);
        return right.Problem is not null ? (null, right.Problem) : ((left.Side!, right.Side!), null);
    }

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>What a diff request asks: the sides, or a rule set and two dates; the corpus to replay; every date or only those that differ.</summary>
    private sealed record Request(Side? Before, Side? After, string? RuleSet, string[]? Dates, string? Corpus, bool AllDates)
    {
        public static Request From(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException("the request is a JSON object");
            }

            return new Request(
                Side.From(root, "before"),
                Side.From(root, "after"),
                Text(root, "ruleSet"),
                root.TryGetProperty("dates", out var dates) && dates.ValueKind == JsonValueKind.Array
                    ? [.. dates.EnumerateArray().Take(3).Select(d => d.ValueKind == JsonValueKind.String ? d.GetString()! : throw new JsonException("dates are strings"))]
                    : null,
                Text(root, "corpus"),
                root.TryGetProperty("allDates", out var all) && all.ValueKind == JsonValueKind.True);
        }

        private static string? Text(JsonElement root, string name) =>
            !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
            : value.ValueKind == JsonValueKind.String ? value.GetString()
            : throw new JsonException($"'{name}' is a string");
    }

    /// <summary>One side as asked: a version by name, or a rule file's path and text.</summary>
    private sealed record Side(string? Name, string? Path, string? Content)
    {
        public static Side? Named(string? name) => string.IsNullOrEmpty(name) ? null : new Side(name, null, null);

        public static Side? From(JsonElement root, string property)
        {
            if (!root.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind == JsonValueKind.String)
            {
                return new Side(value.GetString(), null, null);
            }

            return value.ValueKind == JsonValueKind.Object
                && value.TryGetProperty("path", out var path) && path.ValueKind == JsonValueKind.String
                && value.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String
                ? new Side(null, path.GetString(), content.GetString())
                : throw new JsonException($"'{property}' is \"id@version\" or {{\"path\": \"file.yaml\", \"content\": \"...\"}}");
        }

        public static Resolved Of(CatalogHolder holder, RuleSet version) =>
            new($"{version.Id}@{version.Version}", version, p => UploadedRules.Relative(holder.Rules, p));

        public (Resolved? Side, IResult? Problem) Resolve(CatalogHolder holder, CatalogSnapshot snapshot)
        {
            if (Name is { } name)
            {
                return DiffSide.FindVersion(snapshot.Catalog, name, out var error) is { } version
                    ? (Of(holder, version), null)
                    : (null, ServiceEndpoints.Revisioned(snapshot, HttpResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such version", detail: error)));
            }

            var path = (Path ?? string.Empty).Replace('\\', '/');
            if (!UploadedRules.IsRulePath(path))
            {
                return (null, ServiceEndpoints.NotARulePath());
            }

            var (catalog, diagnostics, show) = UploadedRules.Load(holder.Rules, path, System.Text.Encoding.UTF8.GetBytes(Content ?? string.Empty), includeTests: false);
            if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) || catalog.RuleSets.Length != 1)
            {
                var shown = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(100).Select(d => ServiceEndpoints.DiagnosticJson(d, show(d.Location.Path))).ToList();
                return (null, HttpResults.Problem(
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: shown.Count > 0 ? "The file has errors" : "The file is not one version",
                    detail: shown.Count > 0 ? $"'{path}' has {shown.Count} error(s); see diagnostics" : $"'{path}' gives {catalog.RuleSets.Length} rule set versions; a side is one",
                    extensions: new Dictionary<string, object?> { ["diagnostics"] = shown }));
            }

            return (new Resolved(path, catalog.RuleSets[0], show), null);
        }

        /// <summary>A side found: its name in the response, its version, how its file paths are shown.</summary>
        public sealed record Resolved(string Name, RuleSet Version, Func<string, string> Show);
    }
}
