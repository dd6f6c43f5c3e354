using System.Net;
using System.Text;
using System.Text.Json;
using CodingRules.Tests.Cli;

namespace CodingRules.Tests.Service;

/// <summary>
/// <c>codingrules serve</c>, the real tool as a process on 127.0.0.1 with a free port, called over HTTP: evaluate
/// (one encounter, and NDJSON streamed both ways, the same results as the CLI), versions, resolve, status, health,
/// problem details, and hot reload under load (no request fails, each names one revision, a bad rule file leaves
/// the last good catalog serving and shows in /v1/status).
/// </summary>
public sealed class ServeTests : IDisposable
{
    private const string Seed = "examples/seed-three-levels-bilateral.json";

    private readonly string _temp = Directory.CreateTempSubdirectory("codingrules-serve-").FullName;

    private string Rules => Path.Combine(_temp, "rules");

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public async Task OneEncounterGivesTheCliResultNamingTheRevision()
    {
        await using var server = await ServiceProcess.Start(CopyRules());
        var body = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, Seed));

        using var response = await server.Client.PostAsync("/v1/evaluate", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var revision = Assert.Single(response.Headers.GetValues("CodingRules-Revision"));
        Assert.Matches("^[0-9a-f]{16}$", revision);
        var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(revision, result.GetProperty("revision").GetString());
        var cli = JsonDocument.Parse(CliProcess.Run(null, "evaluate", Seed, "--rules", Rules).Out).RootElement;
        Assert.Equal(cli.GetProperty("lines").GetRawText(), result.GetProperty("lines").GetRawText());
        Assert.Equal(cli.GetProperty("findings").GetRawText(), result.GetProperty("findings").GetRawText());
        Assert.Equal(revision, (await server.Json("/v1/status")).GetProperty("revision").GetString());
    }

    [Fact]
    public async Task AnNdjsonBatchGetsOneResultPerRecordInOrderAsTheCliWritesThem()
    {
        await using var server = await ServiceProcess.Start(CopyRules());
        var record = File.ReadAllText(Path.Combine(RepositoryRoot.Path, Seed)).ReplaceLineEndings(" ").Trim();
        var lines = Enumerable.Range(0, 2000).Select(i => i % 97 == 5 ? "{\"id\": \"bad-" + i + "\", \"procedures\": 3}" : record.Replace("E-SEED", $"E-{i}", StringComparison.Ordinal)).ToList();
        var input = string.Concat(lines.Select(l => l + "\n"));
        var file = Path.Combine(_temp, "batch.ndjson");
        File.WriteAllText(file, input);

        using var response = await server.Client.PostAsync("/v1/evaluate", new StringContent(input, Encoding.UTF8, "application/x-ndjson"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var revision = Assert.Single(response.Headers.GetValues("CodingRules-Revision"));
        var results = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var cli = CliProcess.Run(null, "evaluate", file, "--rules", Rules).OutLines;
        Assert.Equal(lines.Count, results.Length);
        Assert.Equal(cli.Length, results.Length);
        var suffix = $",\"revision\":\"{revision}\"}}";
        for (var i = 0; i < results.Length; i++)
        {
            Assert.EndsWith(suffix, results[i], StringComparison.Ordinal);
            Assert.Equal(cli[i], results[i][..^suffix.Length] + "}");
        }
    }

    [Fact]
    public async Task VersionsResolveHealthAndProblemDetails()
    {
        await using var server = await ServiceProcess.Start(CopyRules());
        var versions = await server.Json("/v1/versions");
        Assert.True(versions.GetArrayLength() > 30);
        Assert.Contains(versions.EnumerateArray(), v => v.GetProperty("id").GetString() == "cpt-facet-joint-destruction" && v.GetProperty("version").GetString() == "2012-01");

        var resolved = await server.Json("/v1/resolve?ruleSet=cpt-facet-joint-destruction&date=2024-09-18");
        Assert.Equal("2012-01", resolved.GetProperty("inForce").GetProperty("version").GetString());
        Assert.Equal("2000-01", resolved.GetProperty("before").GetProperty("version").GetString());

        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/health/ready")).StatusCode);
        await server.Problem("/v1/resolve?ruleSet=cpt-facet-joint-destruction&date=2024-13-01", HttpStatusCode.BadRequest);
        await server.Problem("/v1/resolve?ruleSet=no-such-rule-set&date=2024-01-01", HttpStatusCode.NotFound);
        await server.Problem("/v1/nothing-here", HttpStatusCode.NotFound);
        using var wrongType = await server.Client.PostAsync("/v1/evaluate", new StringContent("x", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Equal("application/problem+json", wrongType.Content.Headers.ContentType?.MediaType);
        using var bad = await server.Client.PostAsync("/v1/evaluate", new StringContent("{\"id\": \"x\", \"procedures\": 3}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.True(JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetArrayLength() > 0);
    }

    [Fact]
    public async Task ReloadUnderLoadFailsNoRequestAndABadFileLeavesTheLastGoodCatalogServing()
    {
        var rules = CopyRules();
        await using var server = await ServiceProcess.Start(rules);
        var first = (await server.Json("/v1/status")).GetProperty("revision").GetString()!;
        var body = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, Seed));
        var file = Path.Combine(rules, "cpt-facet-joint-destruction", "2012-01.yaml");
        var original = await File.ReadAllTextAsync(file);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var failures = new List<string>();
        using var stop = new CancellationTokenSource();

        // Each client sends one request after another: one encounter, or a batch of 100 whose every result must name
        // the revision of the response (one catalog from start to end); and once a client has seen the new revision it
        // never sees the old one again (a request is answered by the catalog in force when it started).
        var record = body.ReplaceLineEndings(" ").Trim();
        var batch = string.Concat(Enumerable.Repeat(record + "\n", 100));
        async Task Load(bool batches)
        {
            string? last = null;
            while (!stop.IsCancellationRequested)
            {
                using var response = await server.Client.PostAsync("/v1/evaluate", batches ? new StringContent(batch, Encoding.UTF8, "application/x-ndjson") : new StringContent(body, Encoding.UTF8, "application/json"));
                var text = await response.Content.ReadAsStringAsync();
                var header = response.Headers.TryGetValues("CodingRules-Revision", out var values) ? values.Single() : null;
                var named = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("revision").GetString()).ToList();
                lock (seen)
                {
                    if (response.StatusCode != HttpStatusCode.OK || header is null || named.Count != (batches ? 100 : 1) || named.Any(r => r != header) || (last is not null && last != header && last != first))
                    {
                        failures.Add($"{response.StatusCode} {header} after {last}: {(text.Length > 300 ? text[..300] : text)}");
                    }
                    else
                    {
                        seen.Add(header);
                        last = header;
                    }
                }
            }
        }

        var clients = Enumerable.Range(0, 4).Select(i => Task.Run(() => Load(batches: i % 2 == 1))).ToList();
        // A change of wording only: the content hash, so the revision, changes; the lines do not.
        var second = await server.WaitForRevision(first, () => File.WriteAllText(file, original.Replace("summary: >\n  Codes destruction", "summary: >\n  Reloaded. Codes destruction", StringComparison.Ordinal)));
        await Task.Delay(300);
        // Note: a reload may have caught a file half written before (a failed load, then a good one): count from here.
        var failedBefore = (await server.Json("/v1/status")).GetProperty("failedReloads").GetInt32();
        File.WriteAllText(file, original + "\nnotAProperty: 1\n");
        var failed = await server.WaitFor(s => s.GetProperty("failedReloads").GetInt32() > failedBefore
            && s.GetProperty("lastFailure").ValueKind == JsonValueKind.Object
            && s.GetProperty("lastFailure").GetProperty("diagnostics").EnumerateArray().Any(d => d.GetProperty("id").GetString() == "CR1004"));
        await Task.Delay(300);
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.Empty(failures);
        Assert.NotEqual(first, second);
        Assert.Subset(new HashSet<string>([first, second]), seen);
        Assert.Contains(second, seen);
        Assert.Equal(second, failed.GetProperty("revision").GetString());
        Assert.Contains(failed.GetProperty("lastFailure").GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("id").GetString() == "CR1004");
        using var still = await server.Client.PostAsync("/v1/evaluate", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
        Assert.Equal(second, still.Headers.GetValues("CodingRules-Revision").Single());
    }

    [Fact]
    public async Task ValidateChecksAFileAsItWouldStandInTheFolderServed()
    {
        await using var server = await ServiceProcess.Start(CopyRules());
        var facet = await File.ReadAllTextAsync(Path.Combine(Rules, "cpt-facet-joint-destruction", "2012-01.yaml"));
        var contractor = await File.ReadAllTextAsync(Path.Combine(Rules, "medicare-facet-lcd-noridian-jf", "2021-04.yaml"));

        var valid = await server.Validate("cpt-facet-joint-destruction/2012-01.yaml", facet);
        Assert.True(valid.GetProperty("valid").GetBoolean(), valid.ToString());
        Assert.Equal(0, valid.GetProperty("errors").GetInt32());
        Assert.Contains(valid.GetProperty("ruleSets").EnumerateArray(), r => r.GetString() == "cpt-facet-joint-destruction@2012-01");

        // A version that extends a template and imports libraries is composed with them.
        var composed = await server.Validate("medicare-facet-lcd-noridian-jf/2021-04.yaml", contractor);
        Assert.True(composed.GetProperty("valid").GetBoolean(), composed.ToString());

        // A version whose data table is a file beside it reads that file, as it would in the folder.
        var mue = await File.ReadAllTextAsync(Path.Combine(Rules, "ncci-mue-practitioner", "2026-10.yaml"));
        var tabled = await server.Validate("ncci-mue-practitioner/2026-10.yaml", mue);
        Assert.True(tabled.GetProperty("valid").GetBoolean(), tabled.ToString());
        var renamed = await server.Validate("ncci-mue-practitioner/2026-10.yaml", mue.Replace("2026-10-practitioner-mue.txt", "missing.txt", StringComparison.Ordinal));
        Assert.Contains(renamed.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("id").GetString() == "CR4042");

        var lines = facet.Split('\n').Length;
        var invalid = await server.Validate("cpt-facet-joint-destruction/2012-01.yaml", facet + "\nnotAProperty: 1\n");
        Assert.False(invalid.GetProperty("valid").GetBoolean());
        var unknown = Assert.Single(invalid.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("id").GetString() == "CR1004");
        Assert.Equal("cpt-facet-joint-destruction/2012-01.yaml", unknown.GetProperty("path").GetString());
        Assert.Equal(lines + 1, unknown.GetProperty("line").GetInt32());

        foreach (var path in new[] { "../x.yaml", "/etc/x.yaml", "a//b.yaml", "x.txt", "a\u0000b.yaml", "a\nb.yaml", new string('a', 2000) + ".yaml" })
        {
            using var refused = await server.Client.PostAsync($"/v1/validate?path={Uri.EscapeDataString(path)}", new StringContent(facet, Encoding.UTF8, "application/yaml"));
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{path}: {refused.StatusCode}");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task TheOpenApiDocumentIsTheCheckedInOneAndEveryOperationInItIsServed()
    {
        await using var server = await ServiceProcess.Start(CopyRules());
        var checkedIn = await File.ReadAllBytesAsync(Path.Combine(RepositoryRoot.Path, "schemas", "openapi.json"));
        Assert.Equal(checkedIn, await server.Client.GetByteArrayAsync("/openapi.json"));
        Assert.Equal(checkedIn, await server.Client.GetByteArrayAsync("/schemas/openapi.json"));
        var document = JsonDocument.Parse(checkedIn).RootElement;
        Assert.Equal("3.1.0", document.GetProperty("openapi").GetString());

        var operations = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            var url = path.Name.Replace("{name}", "result.schema.json", StringComparison.Ordinal);
            foreach (var operation in path.Value.EnumerateObject())
            {
                using var request = new HttpRequestMessage(new HttpMethod(operation.Name.ToUpperInvariant()), url);
                if (operation.Name == "post")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                using var response = await server.Client.SendAsync(request);
                Assert.True(response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed), $"{operation.Name} {url}: {response.StatusCode}");
                Assert.True(operation.Value.GetProperty("responses").TryGetProperty(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), out _), $"{operation.Name} {url}: {(int)response.StatusCode} is not documented");
                operations++;
            }
        }

        Assert.Equal(14, operations);
        // Every schema it refers to is served beside it.
        foreach (var reference in Refs(document).Where(r => !r.StartsWith('#')).Distinct())
        {
            using var schema = await server.Client.GetAsync("/schemas/" + reference);
            Assert.True(schema.IsSuccessStatusCode, reference);
        }

        await server.Problem("/schemas/../rules", HttpStatusCode.NotFound);
        await server.Problem("/v2/evaluate", HttpStatusCode.NotFound);

        static IEnumerable<string> Refs(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Object => e.EnumerateObject().SelectMany(p => p.Name == "$ref" ? [p.Value.GetString()!] : Refs(p.Value)),
            JsonValueKind.Array => e.EnumerateArray().SelectMany(Refs),
            _ => [],
        };
    }

    [Fact]
    public async Task MetricsCountTheEncountersFindingsAndRequestsServed()
    {
        await using var server = await ServiceProcess.Start(CopyRules());
        var record = File.ReadAllText(Path.Combine(RepositoryRoot.Path, Seed)).ReplaceLineEndings(" ").Trim();
        var noImaging = record.Replace("\"imaging\": \"fluoroscopy\"", "\"imaging\": \"none\"", StringComparison.Ordinal);
        Assert.NotEqual(record, noImaging);
        var batch = string.Concat(Enumerable.Range(0, 30).Select(i => (i % 10 == 3 ? "{\"procedures\": 1}" : i % 10 == 4 ? noImaging : record) + "\n"));
        using (var one = await server.Client.PostAsync("/v1/evaluate", new StringContent(record, Encoding.UTF8, "application/json")))
        using (var many = await server.Client.PostAsync("/v1/evaluate", new StringContent(batch, Encoding.UTF8, "application/x-ndjson")))
        {
            Assert.Equal(HttpStatusCode.OK, one.StatusCode);
            Assert.Equal(30, (await many.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        }

        var metrics = (await server.Client.GetStringAsync("/metrics")).Split('\n');
        var revision = (await server.Json("/v1/status")).GetProperty("revision").GetString();
        Assert.Contains("codingrules_encounters_total{outcome=\"coded\"} 28", metrics);
        Assert.Contains("codingrules_encounters_total{outcome=\"invalid\"} 3", metrics);
        Assert.Contains(metrics, l => l.StartsWith("codingrules_findings_total{id=\"", StringComparison.Ordinal) && l.EndsWith(" 3", StringComparison.Ordinal));
        Assert.Contains($"codingrules_catalog_revision_info{{revision=\"{revision}\"}} 1", metrics);
        Assert.Contains("codingrules_reload_failures_total 0", metrics);
        Assert.Contains(metrics, l => l.StartsWith("http_request_duration_seconds_count{", StringComparison.Ordinal) && l.Contains("endpoint=\"/v1/evaluate\"", StringComparison.Ordinal) && l.EndsWith(" 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DiffGivesTheCliSemanticDiffByVersionsOrByDates()
    {
        await using var server = await ServiceProcess.Start(CopyRules());
        const string Before = "cpt-facet-joint-destruction@2000-01", After = "cpt-facet-joint-destruction@2012-01";

        var byVersions = await server.Post("/v1/diff", $"{{\"before\": \"{Before}\", \"after\": \"{After}\"}}", HttpStatusCode.OK);
        var byDates = await server.Post("/v1/diff", "{\"ruleSet\": \"cpt-facet-joint-destruction\", \"dates\": [\"2011-06-01\", \"2013-01-01\"]}", HttpStatusCode.OK);
        var cli = JsonDocument.Parse(CliProcess.Run(null, "diff", Before, After, "--rules", Rules, "--format", "json").Out).RootElement;

        static string[] Summaries(JsonElement diff) => [.. diff.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("summary").GetString()!)];
        Assert.NotEmpty(Summaries(cli));
        Assert.Equal(Summaries(cli), Summaries(byVersions));
        Assert.Equal(Summaries(byVersions), Summaries(byDates));
        var located = byVersions.GetProperty("changes").EnumerateArray().First(c => c.GetProperty("afterLocation").ValueKind == JsonValueKind.Object);
        Assert.Equal("cpt-facet-joint-destruction/2012-01.yaml", located.GetProperty("afterLocation").GetProperty("path").GetString());

        await server.Post("/v1/diff", "{\"before\": \"cpt-facet-joint-destruction@1999-01\", \"after\": \"" + After + "\"}", HttpStatusCode.NotFound);
        await server.Post("/v1/diff", "{\"ruleSet\": \"cpt-facet-joint-destruction\", \"dates\": [\"1990-01-01\", \"2013-01-01\"]}", HttpStatusCode.NotFound);
        await server.Post("/v1/diff", "{}", HttpStatusCode.BadRequest);
        await server.Post("/v1/diff", "[1, 2", HttpStatusCode.BadRequest);
        await server.Post("/v1/diff", "{\"before\": \"" + new string('x', 17_000_000) + "\"}", HttpStatusCode.RequestEntityTooLarge);
        await server.Post("/v1/diff", "{\"ruleSet\": \"x\", \"dates\": [\"2011-13-01\", \"2013-01-01\"]}", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task SigtermLetsARequestInFlightFinishThenExitsZero()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await using var server = await ServiceProcess.Start(CopyRules());
        var record = File.ReadAllText(Path.Combine(RepositoryRoot.Path, Seed)).ReplaceLineEndings(" ").Trim();
        var body = new SlowBody();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/evaluate") { Content = new StreamContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-ndjson");
        var sending = server.Client.SendAsync(request, HttpCompletionOption.ResponseContentRead);

        // Half the records are sent, then the server is told to stop, then the rest follow.
        await body.Write(string.Concat(Enumerable.Repeat(record + "\n", 100)));
        await Task.Delay(500);
        server.Terminate();
        await Task.Delay(500);
        await body.Write(string.Concat(Enumerable.Repeat(record + "\n", 100)));
        body.End();

        using var response = await sending;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(200, (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(0, await server.Exited());
    }

    [Fact]
    public void RulesWithErrorsAtStartAreAUsageError()
    {
        var rules = CopyRules();
        File.AppendAllText(Path.Combine(rules, "cpt-facet-joint-destruction", "2012-01.yaml"), "\nnotAProperty: 1\n");
        var run = CliProcess.Run(null, "serve", "--rules", rules, "--urls", "http://127.0.0.1:0");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("CR1004", run.Error, StringComparison.Ordinal);
    }

    private string CopyRules() => ServiceProcess.CopyRules(Rules);
}
