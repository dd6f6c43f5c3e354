using System.Net;
using System.Text;
using System.Text.Json;
using CodingRules.Tests.Cli;

namespace CodingRules.Tests.Service;

/// <summary>
/// <c>POST /v1/diff</c> with an impact replay (a corpus sent as the body, or one of the server's corpora), a rule file
/// sent as a side, <c>/v1/corpora</c>, and <c>/v1/evaluate?use=</c>: the real tool on 127.0.0.1, its answers compared
/// with what the CLI writes for the same request.
/// </summary>
public sealed class ServiceImpactTests
{
    private const string Before = "cpt-facet-joint-destruction@2000-01";
    private const string After = "cpt-facet-joint-destruction@2012-01";
    private const string Sample = "examples/encounters-sample.ndjson";

    private static string Rules => Path.Combine(RepositoryRoot.Path, "rules");

    private static string Examples => Path.Combine(RepositoryRoot.Path, "examples");

    [Fact]
    public async Task AReplayOfACorpusSentOrOnTheServerIsTheClisImpactReport()
    {
        await using var server = await ServiceProcess.Start(Rules, "--corpora", Examples);
        var cli = JsonDocument.Parse(CliProcess.Run(null, "diff", Before, After, "--rules", "rules", "--encounters", Sample, "--format", "json").Out).RootElement;
        var expected = cli.GetProperty("impact").GetRawText();
        Assert.True(cli.GetProperty("impact").GetProperty("changed").GetInt32() > 0);

        using var sent = await server.Client.PostAsync(
            $"/v1/diff?before={Before}&after={After}",
            new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(RepositoryRoot.Path, Sample))) { Headers = { ContentType = new("application/x-ndjson") } });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal(Before, Assert.Single(sent.Headers.GetValues("CodingRules-Before")));
        Assert.Equal(After, Assert.Single(sent.Headers.GetValues("CodingRules-After")));
        var fromBody = JsonDocument.Parse(await sent.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(expected, fromBody.GetProperty("impact").GetRawText());

        var fromServer = await server.Post("/v1/diff", $"{{\"before\": \"{Before}\", \"after\": \"{After}\", \"corpus\": \"encounters-sample.ndjson\"}}", HttpStatusCode.OK);
        Assert.Equal(expected, fromServer.GetProperty("impact").GetRawText());
        Assert.Equal(
            cli.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("summary").GetString()),
            fromServer.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("summary").GetString()));

        var byDates = await server.Post("/v1/diff", "{\"ruleSet\": \"cpt-facet-joint-destruction\", \"dates\": [\"2011-06-01\", \"2013-01-01\"], \"corpus\": \"encounters-sample.ndjson\"}", HttpStatusCode.OK);
        Assert.Equal(expected, byDates.GetProperty("impact").GetRawText());

        var all = await server.Post("/v1/diff", $"{{\"before\": \"{Before}\", \"after\": \"{After}\", \"corpus\": \"encounters-sample.ndjson\", \"allDates\": true}}", HttpStatusCode.OK);
        Assert.True(all.GetProperty("impact").GetProperty("allDates").GetBoolean());

        await server.Post("/v1/diff", $"{{\"before\": \"{Before}\", \"after\": \"{After}\", \"corpus\": \"../rules/spine.yaml\"}}", HttpStatusCode.NotFound);
        var corpora = await server.Json("/v1/corpora");
        Assert.Equal("encounters-sample.ndjson", Assert.Single(corpora.EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task ALineOfACorpusEvaluatedUnderEachSideGivesTheReplaysTwoResults()
    {
        await using var server = await ServiceProcess.Start(Rules, "--corpora", Examples);
        var diff = await server.Post("/v1/diff", $"{{\"before\": \"{Before}\", \"after\": \"{After}\", \"corpus\": \"encounters-sample.ndjson\"}}", HttpStatusCode.OK);
        var changed = diff.GetProperty("impact").GetProperty("encounters")[3];
        var line = changed.GetProperty("line").GetInt32();

        using var record = await server.Client.GetAsync($"/v1/corpora/encounters-sample.ndjson?line={line}");
        Assert.Equal(HttpStatusCode.OK, record.StatusCode);
        var text = await record.Content.ReadAsStringAsync();
        Assert.Equal(File.ReadLines(Path.Combine(RepositoryRoot.Path, Sample)).ElementAt(line - 1), text);

        foreach (var (side, use) in new[] { ("before", Before), ("after", After) })
        {
            var result = await server.Post($"/v1/evaluate?explain=true&use={use}", text, HttpStatusCode.OK);
            Assert.Equal(Lines(changed.GetProperty(side)), Lines(result));
            Assert.Contains(result.GetProperty("ruleSets").EnumerateArray(), r => $"{r.GetProperty("id").GetString()}@{r.GetProperty("version").GetString()}" == use);
            Assert.NotEqual(0, result.GetProperty("explain").GetArrayLength());
        }

        await server.Problem("/v1/corpora/encounters-sample.ndjson?line=999999", HttpStatusCode.NotFound);
        await server.Problem("/v1/corpora/nothing.ndjson?line=1", HttpStatusCode.NotFound);
        await server.Post("/v1/evaluate?use=cpt-facet-joint-destruction@1999", text, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ARuleFileSentAsASideIsComparedAndReplayedAsIfItStoodInTheFolder()
    {
        await using var server = await ServiceProcess.Start(Rules);
        var path = "cpt-facet-joint-destruction/2012-01.yaml";
        var original = await File.ReadAllTextAsync(Path.Combine(Rules, path));
        var edited = original.Replace("so no line can be coded.", "so nothing is coded.", StringComparison.Ordinal);
        Assert.NotEqual(original, edited);
        var same = await server.Post("/v1/diff", Request(After, path, original), HttpStatusCode.OK);
        Assert.Equal(0, same.GetProperty("changes").GetArrayLength());

        using var response = await server.Client.PostAsync("/v1/diff", new StringContent(Request(After, path, edited), Encoding.UTF8, "application/json"));
        Assert.Equal(path, Assert.Single(response.Headers.GetValues("CodingRules-After")));
        var change = Assert.Single(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("changes").EnumerateArray());
        Assert.Contains("reworded", change.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal(path, change.GetProperty("afterLocation").GetProperty("path").GetString());
        Assert.InRange(change.GetProperty("afterLocation").GetProperty("line").GetInt32(), 128, 133); // the check no-joints, whose message it is

        var broken = await server.Post("/v1/diff", Request(After, path, edited + "\nnot: [closed\n"), HttpStatusCode.UnprocessableEntity);
        var diagnostic = broken.GetProperty("diagnostics")[0];
        Assert.Equal(path, diagnostic.GetProperty("path").GetString());
        Assert.True(diagnostic.GetProperty("line").GetInt32() > 1);

        await server.Post("/v1/diff", Request(After, "../outside.yaml", edited), HttpStatusCode.BadRequest);
        await server.Post("/v1/diff", "{\"before\": 5, \"after\": \"x@y\"}", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ARuleFileAndACorpusSentTogetherAreReplayedAsTheCliReplaysTheFile()
    {
        await using var server = await ServiceProcess.Start(Rules);
        const string File2000 = "cpt-facet-joint-destruction/2000-01.yaml";
        var cli = JsonDocument.Parse(CliProcess.Run(null, "diff", After, Before, "--rules", "rules", "--encounters", Sample, "--format", "json").Out).RootElement;

        using var form = new MultipartFormDataContent
        {
            { new StringContent(Request(After, File2000, await File.ReadAllTextAsync(Path.Combine(Rules, File2000))), Encoding.UTF8, "application/json"), "request" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(RepositoryRoot.Path, Sample))), "corpus", "corpus.ndjson" },
        };
        using var response = await server.Client.PostAsync("/v1/diff", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(File2000, Assert.Single(response.Headers.GetValues("CodingRules-After")));
        var served = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(cli.GetProperty("impact").GetProperty("changed").GetInt32() > 0);
        Assert.Equal(cli.GetProperty("impact").GetRawText(), served.GetProperty("impact").GetRawText());

        using var noCorpus = new MultipartFormDataContent { { new StringContent("{}", Encoding.UTF8, "application/json"), "request" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Client.PostAsync("/v1/diff", noCorpus)).StatusCode);
    }

    [Fact]
    public async Task ResultsNameTheRuleFilesAsTheCliGivenTheSameRulesFolderDoes()
    {
        await using var server = await ServiceProcess.Start("rules"); // relative to the repository, as the CLI below
        var sample = File.ReadLines(Path.Combine(RepositoryRoot.Path, Sample)).Take(300).ToList();
        using var batch = await server.Client.PostAsync("/v1/evaluate", new StringContent(string.Join('\n', sample) + "\n", Encoding.UTF8, "application/x-ndjson"));
        var served = (await batch.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var cli = CliProcess.Run(string.Join('\n', sample) + "\n", "evaluate", "-", "--rules", "rules").OutLines;

        Assert.Equal(cli.Length, served.Length);
        var revision = Assert.Single(batch.Headers.GetValues("CodingRules-Revision"));
        Assert.Equal(cli, served.Select(l => l.Replace($",\"revision\":\"{revision}\"", string.Empty, StringComparison.Ordinal)));
        Assert.Contains(served, l => l.Contains("\"definedIn\":\"rules/", StringComparison.Ordinal));
    }

    private static string Request(string before, string path, string content) =>
        JsonSerializer.Serialize(new { before, after = new { path, content } });

    private static string Lines(JsonElement result) =>
        string.Join(", ", result.GetProperty("lines").EnumerateArray().Select(l =>
            $"{l.GetProperty("code").GetString()}-{string.Join('-', l.GetProperty("modifiers").EnumerateArray().Select(m => m.GetString()))} x{l.GetProperty("units").GetInt32()}"));
}
