using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

namespace CodingRules.Tests.Service;

/// <summary>
/// The auditors' page (<c>/ui/</c>) in a real headless browser (the system Chromium driven by Playwright) against the
/// real service on 127.0.0.1: the timeline, a diff with an impact replay, a changed encounter opened to its two
/// results and explanation, an uploaded corpus, and an encounter pasted and evaluated. What the page shows is compared
/// with what the API answers for the same request. Screenshots go to <c>TestResults/screenshots/</c>.
/// </summary>
public sealed class AuditorPageTests
{
    private const string Before = "cpt-facet-joint-destruction@2000-01";
    private const string After = "cpt-facet-joint-destruction@2012-01";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private static string Rules => Path.Combine(RepositoryRoot.Path, "rules");

    private static string Screenshots => Directory.CreateDirectory(Path.Combine(RepositoryRoot.Path, "TestResults", "screenshots")).FullName;

    [Fact]
    public async Task APageDiffWithAReplayShowsTheChangesAndOpensAChangedEncounterToItsTwoResults()
    {
        await using var server = await ServiceProcess.Start(Rules, "--corpora", Path.Combine(RepositoryRoot.Path, "examples"));
        var api = await server.Post("/v1/diff", $"{{\"before\": \"{Before}\", \"after\": \"{After}\", \"corpus\": \"encounters-sample.ndjson\"}}", HttpStatusCode.OK);
        await using var browser = await Browser.Open();
        var page = await browser.Page(server);

        await page.SelectOptionAsync("[data-testid=rule-set]", "cpt-facet-joint-destruction");
        Assert.Equal(2, await page.Locator("[data-testid=timeline-version]").CountAsync());
        await page.SelectOptionAsync("[data-testid=before]", Before);
        await page.SelectOptionAsync("[data-testid=after]", After);
        await page.SelectOptionAsync("[data-testid=corpus]", "encounters-sample.ndjson");
        await page.ClickAsync("[data-testid=run-diff]");
        await page.Locator("[data-testid=changed-encounter]").First.WaitForAsync();

        var changes = api.GetProperty("changes");
        Assert.Equal(changes.GetArrayLength(), await page.Locator("[data-testid=change]").CountAsync());
        var located = changes.EnumerateArray().First(c => c.GetProperty("afterLocation").ValueKind == JsonValueKind.Object).GetProperty("afterLocation");
        Assert.Contains($"{located.GetProperty("path").GetString()}:{located.GetProperty("line").GetInt32()}:", await page.Locator("[data-testid=diff-table]").InnerTextAsync(), StringComparison.Ordinal);
        var impact = api.GetProperty("impact");
        var totals = await page.Locator("[data-testid=impact-totals]").InnerTextAsync();
        Assert.StartsWith($"{impact.GetProperty("encountersRead").GetInt32()} encounters read, {impact.GetProperty("changed").GetInt32()} changed", totals, StringComparison.Ordinal);
        Assert.Equal(impact.GetProperty("byCode").GetArrayLength(), await page.Locator("[data-testid=by-code] tbody tr").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "auditors-diff.png"), FullPage = false });

        var first = impact.GetProperty("encounters")[0];
        var encounter = page.Locator("[data-testid=changed-encounter]").First;
        await encounter.Locator("summary").First.ClickAsync();
        var before = encounter.Locator("[data-testid=side-before] [data-testid=result-lines]");
        await before.WaitForAsync();
        Assert.Equal(Codes(first.GetProperty("before")), Codes(await before.InnerTextAsync()));
        Assert.Equal(Codes(first.GetProperty("after")), Codes(await encounter.Locator("[data-testid=side-after] [data-testid=result-lines]").InnerTextAsync()));
        var trace = encounter.Locator("[data-testid=side-after] [data-testid=trace]");
        await trace.Locator("summary").First.ClickAsync();
        Assert.Contains(After.Split('@')[1], await trace.InnerTextAsync(), StringComparison.Ordinal);
        await encounter.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "auditors-changed-encounter.png") });
        Assert.True(browser.Errors.Count == 0, string.Join('\n', browser.Errors));
    }

    [Fact]
    public async Task AnUploadedCorpusIsReplayedAndAPastedEncounterEvaluated()
    {
        await using var server = await ServiceProcess.Start(Rules);
        var corpus = Path.Combine(RepositoryRoot.Path, "examples", "encounters-sample.ndjson");
        await using var browser = await Browser.Open();
        var page = await browser.Page(server);

        await page.SelectOptionAsync("[data-testid=rule-set]", "cpt-facet-joint-destruction");
        await page.CheckAsync("input[name=by][value=dates]");
        await page.FillAsync("[data-testid=date1]", "2011-06-01");
        await page.FillAsync("[data-testid=date2]", "2013-01-01");
        await page.SetInputFilesAsync("[data-testid=upload]", corpus);
        await page.ClickAsync("[data-testid=run-diff]");
        await page.Locator("[data-testid=changed-encounter]").First.WaitForAsync();
        using var sent = await server.Client.PostAsync(
            $"/v1/diff?ruleSet=cpt-facet-joint-destruction&dates=2011-06-01&dates=2013-01-01",
            new ByteArrayContent(await File.ReadAllBytesAsync(corpus)) { Headers = { ContentType = new("application/x-ndjson") } });
        var impact = JsonDocument.Parse(await sent.Content.ReadAsStringAsync()).RootElement.GetProperty("impact");
        Assert.StartsWith($"{impact.GetProperty("encountersRead").GetInt32()} encounters read, {impact.GetProperty("changed").GetInt32()} changed", await page.Locator("[data-testid=impact-totals]").InnerTextAsync(), StringComparison.Ordinal);
        var encounter = page.Locator("[data-testid=changed-encounter]").Nth(1);
        await encounter.Locator("summary").First.ClickAsync();
        var lines = encounter.Locator("[data-testid=side-after] [data-testid=result-lines]");
        await lines.WaitForAsync();
        Assert.Equal(Codes(impact.GetProperty("encounters")[1].GetProperty("after")), Codes(await lines.InnerTextAsync()));

        var seed = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "examples", "seed-three-levels-bilateral.json"));
        var expected = await server.Post("/v1/evaluate", seed, HttpStatusCode.OK);
        await page.ClickAsync("[data-tab=evaluate]");
        await page.FillAsync("[data-testid=encounter]", seed);
        await page.ClickAsync("[data-testid=run-evaluate]");
        var result = page.Locator("[data-testid=eval-result] [data-testid=result-lines]");
        await result.WaitForAsync();
        Assert.Equal(Codes(expected), Codes(await result.InnerTextAsync()));
        await page.FillAsync("[data-testid=encounter]", "{\"id\": \"x\"}");
        await page.ClickAsync("[data-testid=run-evaluate]");
        await page.Locator("[data-testid=eval-result] .error").WaitForAsync();
        Assert.Contains("dateOfService", await page.Locator("[data-testid=eval-result]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(browser.Errors.Count == 0, string.Join('\n', browser.Errors));
    }

    /// <summary>The claim lines of a result as the page writes them: <c>CODE[-MOD...] ×UNITS</c>, one per line.</summary>
    private static string Codes(JsonElement result) =>
        string.Join('\n', result.GetProperty("lines").EnumerateArray().Select(l =>
        {
            var modifiers = l.GetProperty("modifiers").EnumerateArray().Select(m => m.GetString()).ToList();
            return $"{l.GetProperty("code").GetString()}{(modifiers.Count > 0 ? "-" + string.Join('-', modifiers) : string.Empty)} ×{l.GetProperty("units").GetInt32()}";
        }));

    private static string Codes(string shown) =>
        string.Join('\n', shown.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => string.Join(' ', l.Split(' ').Take(2))).Where(l => l != "no claim"));

    /// <summary>Headless Chromium (<c>CODINGRULES_CHROMIUM</c>, else <c>/usr/bin/chromium</c>), with the page's errors gathered.</summary>
    private sealed class Browser : IAsyncDisposable
    {
        private readonly IPlaywright _playwright;
        private readonly IBrowser _browser;

        private Browser(IPlaywright playwright, IBrowser browser)
        {
            _playwright = playwright;
            _browser = browser;
        }

        /// <summary>Console errors, responses with an error status (but an invalid encounter's 422), failed requests and uncaught exceptions of the page.</summary>
        public List<string> Errors { get; } = [];

        public static async Task<Browser> Open()
        {
            var chromium = Environment.GetEnvironmentVariable("CODINGRULES_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
            Assert.True(File.Exists(chromium), $"no Chromium at {chromium}: install Debian's chromium (.ci/run does) or set CODINGRULES_CHROMIUM");
            var playwright = await Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ChromiumArgs, Timeout = 60_000 });
            return new Browser(playwright, browser);
        }

        public async Task<IPage> Page(ServiceProcess server)
        {
            var page = await _browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
            page.SetDefaultTimeout(60_000);
            page.Console += (_, message) =>
            {
                // Note: a response with an error status is logged as "Failed to load resource"; responses are judged below.
                if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
                {
                    Errors.Add($"console: {message.Text}");
                }
            };
            page.Response += (_, response) =>
            {
                // An encounter that is not valid is answered 422 with its error result, which the page shows.
                if (response.Status >= 400 && !(response.Status == 422 && response.Url.Contains("/v1/evaluate", StringComparison.Ordinal)))
                {
                    Errors.Add($"response: {response.Status} {response.Url}");
                }
            };
            page.PageError += (_, error) => Errors.Add($"page: {error}");
            page.RequestFailed += (_, request) => Errors.Add($"request: {request.Url} {request.Failure}");
            await page.GotoAsync(new Uri(server.Client.BaseAddress!, "/ui/").ToString());
            await page.Locator("body[data-ready=true]").WaitForAsync();
            return page;
        }

        public async ValueTask DisposeAsync()
        {
            await _browser.DisposeAsync();
            _playwright.Dispose();
        }
    }
}
