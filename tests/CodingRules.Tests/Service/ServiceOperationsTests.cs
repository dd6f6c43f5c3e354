using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CodingRules.Tests.Cli;

namespace CodingRules.Tests.Service;

/// <summary>
/// What an operator configures on <c>codingrules serve</c>, on the real tool over 127.0.0.1: the decision log (one
/// line per encounter, masked by drop and keyed hash, written out at shutdown), the concurrency limit (503 with
/// Retry-After past it), and the batch time limit (a batch that outlasts it is ended and the service goes on).
/// </summary>
public sealed class ServiceOperationsTests : IDisposable
{
    private const string Key = "a key of at least sixteen bytes";

    private readonly string _temp = Directory.CreateTempSubdirectory("codingrules-ops-").FullName;

    private static string Rules => Path.Combine(RepositoryRoot.Path, "rules");

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public async Task TheDecisionLogHasOneMaskedLinePerEncounterWrittenOutAtShutdown()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var log = Path.Combine(_temp, "decisions.ndjson");
        var environment = new Dictionary<string, string> { ["CODINGRULES_DECISION_LOG_KEY"] = Key };
        await using var server = await ServiceProcess.Start(
            Rules,
            environment,
            "--decision-log", log, "--decision-log-drop", "/input/diagnoses", "--decision-log-drop", "/input/history/*/date",
            "--decision-log-hash", "/input/id", "--decision-log-hash", "/result/encounterId", "--decision-log-hash", "/result/lines/*/joints");
        var sample = File.ReadLines(Path.Combine(RepositoryRoot.Path, "examples", "encounters-sample.ndjson")).Take(840).ToList();
        var seed = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "examples", "seed-three-levels-bilateral.json"));
        var single = await server.Post("/v1/evaluate", seed, HttpStatusCode.OK);
        using var batch = await server.Client.PostAsync("/v1/evaluate", new StringContent(string.Join('\n', sample) + "\n", Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        var results = (await batch.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(sample.Count, results.Length);

        server.Terminate();
        Assert.Equal(0, await server.Exited());
        var lines = File.ReadAllLines(log).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        Assert.Equal(sample.Count + 1, lines.Count);
        Assert.Equal(lines.Count, lines.Select(l => l.GetProperty("decisionId").GetString()).Distinct().Count());
        Assert.All(lines, l => Assert.Equal(single.GetProperty("revision").GetString(), l.GetProperty("revision").GetString()));
        Assert.Equal(Enumerable.Range(1, sample.Count), lines.Where(l => l.GetProperty("requestId").GetString() == lines[^1].GetProperty("requestId").GetString()).Select(l => l.GetProperty("record").GetInt32()).Order());
        foreach (var line in lines)
        {
            var input = line.GetProperty("input");
            var result = line.GetProperty("result");
            if (input.ValueKind == JsonValueKind.Null)
            {
                // A record that is not JSON is not logged; its result says why.
                Assert.NotEqual(0, result.GetProperty("errors").GetArrayLength());
                continue;
            }

            Assert.False(input.TryGetProperty("diagnoses", out _));
            Assert.All(input.TryGetProperty("history", out var history) ? history.EnumerateArray() : [], h => Assert.False(h.TryGetProperty("date", out _)));
            // A list is hashed by its JSON, as one value.
            Assert.All(result.TryGetProperty("lines", out var resultLines) ? resultLines.EnumerateArray() : [], l => Assert.StartsWith("hmac-sha256:", l.GetProperty("joints").GetString(), StringComparison.Ordinal));
            if (input.TryGetProperty("id", out var id))
            {
                Assert.StartsWith("hmac-sha256:", id.GetString(), StringComparison.Ordinal);
                Assert.Equal(id.GetString(), result.GetProperty("encounterId").GetString());
            }
        }

        // The hash is HMAC-SHA256 of the value under the key: the same value gives the same hash, found again with the key.
        var seedLine = lines.Single(l => l.GetProperty("requestId").GetString() != lines[^1].GetProperty("requestId").GetString());
        var expected = "hmac-sha256:" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.UTF8.GetBytes(single.GetProperty("encounterId").GetString()!)));
        Assert.Equal(expected, seedLine.GetProperty("input").GetProperty("id").GetString());
        var loggedLines = seedLine.GetProperty("result").GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(single.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("code").GetString()), loggedLines.Select(l => l.GetProperty("code").GetString()));
        var joints = single.GetProperty("lines")[0].GetProperty("joints").GetRawText().Replace(" ", string.Empty, StringComparison.Ordinal);
        Assert.Equal("hmac-sha256:" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.UTF8.GetBytes(joints))), loggedLines[0].GetProperty("joints").GetString());
        Assert.DoesNotContain(lines, l => l.GetRawText().Contains(single.GetProperty("encounterId").GetString()!, StringComparison.Ordinal));
    }

    [Fact]
    public void ADecisionLogThatCannotHashOrMaskIsAUsageError()
    {
        var log = Path.Combine(_temp, "decisions.ndjson");
        var noKey = CliProcess.Run(null, "serve", "--rules", "rules", "--urls", "http://127.0.0.1:0", "--decision-log", log, "--decision-log-hash", "/input/id");
        Assert.Equal(2, noKey.ExitCode);
        Assert.Contains("CODINGRULES_DECISION_LOG_KEY", noKey.Error, StringComparison.Ordinal);
        var badPointer = CliProcess.Run(null, "serve", "--rules", "rules", "--urls", "http://127.0.0.1:0", "--decision-log", log, "--decision-log-drop", "input/id");
        Assert.Equal(2, badPointer.ExitCode);
        Assert.Contains("JSON Pointer", badPointer.Error, StringComparison.Ordinal);
        var noLog = CliProcess.Run(null, "serve", "--rules", "rules", "--urls", "http://127.0.0.1:0", "--decision-log-drop", "/input/id");
        Assert.Equal(2, noLog.ExitCode);
        var folder = CliProcess.Run(null, "serve", "--rules", "rules", "--urls", "http://127.0.0.1:0", "--decision-log", _temp);
        Assert.Equal(2, folder.ExitCode);
        Assert.Contains("cannot append", folder.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PastTheConcurrencyLimitARequestIsRefusedWith503AndRetryAfter()
    {
        await using var server = await ServiceProcess.Start(Rules, "--max-concurrent", "1", "--max-queued", "0");
        var record = Record();
        var body = new SlowBody();
        using var holding = new HttpRequestMessage(HttpMethod.Post, "/v1/evaluate") { Content = new StreamContent(body) };
        holding.Content.Headers.ContentType = new("application/x-ndjson");
        var first = server.Client.SendAsync(holding, HttpCompletionOption.ResponseContentRead);
        await body.Write(string.Concat(Enumerable.Repeat(record + "\n", 20))); // more than the client buffers before it sends
        await Task.Delay(1000); // the first request has its turn (results come when its body ends)
        using var refused = await server.Client.PostAsync("/v1/evaluate", new StringContent(record, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1", Assert.Single(refused.Headers.GetValues("Retry-After")));
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/v1/status")).StatusCode); // not limited

        body.End();
        using var firstResponse = await first;
        Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);
        Assert.Equal(20, (await firstResponse.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        await server.Post("/v1/evaluate", record, HttpStatusCode.OK);
    }

    [Fact]
    public async Task ABatchPastItsTimeLimitIsEndedAndTheServiceGoesOn()
    {
        await using var server = await ServiceProcess.Start(Rules, "--batch-timeout", "2");
        var record = Record();
        var body = new SlowBody();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/evaluate") { Content = new StreamContent(body) };
        request.Content.Headers.ContentType = new("application/x-ndjson");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var sending = server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        for (var i = 0; i < 40 && !sending.IsCompleted; i++)
        {
            await body.Write(record + "\n");
            await Task.Delay(100);
        }

        // The client goes on sending (a record every 100 ms, for at most 20 s); the server ends the batch at 2 s.
        var ended = false;
        try
        {
            using var response = await sending;
            var reading = response.Content.ReadAsStringAsync();
            for (var i = 0; i < 200 && !reading.IsCompleted; i++)
            {
                await body.Write(record + "\n");
                await Task.Delay(100);
            }

            ended = reading.IsCompleted;
            await reading;
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            ended = true; // the connection was closed mid-stream
        }

        Assert.True(ended, "the batch was not ended within 20 s");
        Assert.InRange(watch.Elapsed.TotalSeconds, 1.5, 30);
        await server.Post("/v1/evaluate", record, HttpStatusCode.OK);
    }

    [Fact]
    public async Task WithPollingAFolderSwappedThroughALinkIsReloadedAndThenWatched()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // A release switched as git-sync does: "current" links to one copy, then to another, by one rename. No file
        // event reaches a watcher of the first copy; the poll sees the link's new target.
        var (v1, v2) = (ServiceProcess.CopyRules(Path.Combine(_temp, "v1")), ServiceProcess.CopyRules(Path.Combine(_temp, "v2")));
        var file = Path.Combine(v2, "cpt-facet-joint-destruction", "2012-01.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("summary: >\n  Codes destruction", "summary: >\n  Swapped. Codes destruction", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-1));
        var current = Path.Combine(_temp, "current");
        Directory.CreateSymbolicLink(current, v1);
        await using var server = await ServiceProcess.Start(current, "--poll", "0.5");
        var first = (await server.Json("/v1/status")).GetProperty("revision").GetString();

        Directory.CreateSymbolicLink(Path.Combine(_temp, "next"), v2);
        using (var move = System.Diagnostics.Process.Start("mv", ["-T", Path.Combine(_temp, "next"), current]))
        {
            await move.WaitForExitAsync();
            Assert.Equal(0, move.ExitCode);
        }

        var swapped = await server.WaitFor(s => s.GetProperty("revision").GetString() != first);
        Assert.Equal(1, swapped.GetProperty("reloads").GetInt32());

        // The new target is watched (and polled): a change there is loaded too.
        File.WriteAllText(file, File.ReadAllText(file).Replace("Swapped.", "Swapped twice.", StringComparison.Ordinal));
        var again = await server.WaitFor(s => s.GetProperty("reloads").GetInt32() >= 2);
        Assert.NotEqual(swapped.GetProperty("revision").GetString(), again.GetProperty("revision").GetString());
    }

    private static string Record() =>
        File.ReadAllText(Path.Combine(RepositoryRoot.Path, "examples", "seed-three-levels-bilateral.json")).ReplaceLineEndings(" ").Trim();
}
